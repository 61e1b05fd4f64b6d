# A hostile package folder: every file the readers open passes the gate, whatever the
# descriptor names and whatever lies on disk. Each test breaks its own copy of the fixture.

test_that("a data file that is a link out of the package is refused, not read", {
  root <- tiny_package()
  outside <- tempfile("icsm-outside-", fileext = ".csv")
  writeLines(c("actor_id,name,country", "act-secret,Secret row,XXX"), outside)
  unlink(file.path(root, "data", "actors.csv"))
  skip_if_not(file.symlink(outside, file.path(root, "data", "actors.csv")), "no symbolic links here")
  expect_error(icsm_read("actors", root), "data/actors.csv leaves the package", class = "icsm_refused")
})

test_that("a link that stays inside the package is followed", {
  root <- tiny_package()
  dir.create(file.path(root, "data", "store"))
  file.rename(file.path(root, "data", "actors.csv"), file.path(root, "data", "store", "actors-v1.csv"))
  skip_if_not(file.symlink(file.path("store", "actors-v1.csv"), file.path(root, "data", "actors.csv")),
              "no symbolic links here")
  expect_identical(nrow(icsm_read("actors", root)), 3L)
})

test_that("a FIFO at a data file is refused at once, never opened", {
  root <- tiny_package()
  make_fifo(file.path(root, "data", "actors.csv"))
  seconds <- elapsed(expect_error(icsm_read("actors", root), "data/actors.csv is not a regular file",
                                  class = "icsm_refused"))
  expect_lt(seconds, 5)
})

test_that("a FIFO at CHANGELOG.md is refused at once, never opened", {
  root <- tiny_package()
  make_fifo(file.path(root, "CHANGELOG.md"))
  seconds <- elapsed(expect_error(icsm_citation(root), "CHANGELOG.md is not a regular file", class = "icsm_refused"))
  expect_lt(seconds, 5)
})

test_that("a folder where a file is expected is refused", {
  root <- tiny_package()
  unlink(file.path(root, "data", "actors.csv"))
  dir.create(file.path(root, "data", "actors.csv"))
  expect_error(icsm_read("actors", root), "data/actors.csv is not a regular file but a folder", class = "icsm_refused")
})

test_that("a schema that is a folder is refused", {
  root <- tiny_package()
  unlink(file.path(root, "schemas", "actors.tableschema.json"))
  dir.create(file.path(root, "schemas", "actors.tableschema.json"))
  expect_error(icsm_read("actors", root), "schemas/actors.tableschema.json is not a regular file",
               class = "icsm_refused")
})

test_that("a data file over 512 KiB is refused unread", {
  root <- tiny_package()
  writeLines(c("actor_id,name,country", rep("act-x,X,IND", cap / 12 + 1)), file.path(root, "data", "actors.csv"))
  expect_error(icsm_read("actors", root), sprintf("data/actors.csv has [0-9]+ bytes, more than the %d", cap),
               class = "icsm_refused")
})

test_that("a datapackage.json over 512 KiB is refused unread", {
  root <- tiny_package()
  # Valid JSON, padded with spaces: only its size is wrong.
  descriptor <- readLines(file.path(root, "datapackage.json"))
  writeLines(c(descriptor, strrep(" ", cap)), file.path(root, "datapackage.json"))
  expect_error(icsm_tables(root), sprintf("datapackage.json has [0-9]+ bytes, more than the %d", cap),
               class = "icsm_refused")
})

test_that("a datapackage.json that is not JSON is an error naming the file", {
  root <- tiny_package()
  writeLines("{\"name\": \"broken\",", file.path(root, "datapackage.json"))
  expect_error(icsm_tables(root), "datapackage.json is not valid JSON", class = "icsm_refused")
})

test_that("a datapackage.json that is JSON but not an object is an error naming the file", {
  root <- tiny_package()
  writeLines("[\"data/actors.csv\"]", file.path(root, "datapackage.json"))
  expect_error(icsm_tables(root), "datapackage.json is not a JSON object", class = "icsm_refused")
})

test_that("a descriptor's path that leaves the package or is a URL is refused before the disk is asked", {
  root <- tiny_package()
  # A real table outside, which a reader that followed the path would happily return.
  file.copy(file.path(root, "data", "actors.csv"), file.path(dirname(root), "outside.csv"), overwrite = TRUE)
  refusals <- c("../outside.csv" = "leaves the package through a parent folder",
                "data/../../outside.csv" = "leaves the package through a parent folder",
                "/etc/passwd" = "is absolute",
                "https://example.org/actors.csv" = "is a URL",
                "file:data/actors.csv" = "is a URL",
                ".hidden/actors.csv" = "hidden",
                "data\\actors.csv" = "backslash")
  for (path in names(refusals)) {
    edit_descriptor(root, function(descriptor) {
      descriptor$resources[[2]]$path <- path
      descriptor
    })
    expect_error(icsm_read("actors", root), refusals[[path]], class = "icsm_refused", info = path)
  }
})

test_that("a schema path that leaves the package is refused", {
  root <- tiny_package()
  edit_descriptor(root, function(descriptor) {
    descriptor$resources[[2]]$schema <- "../actors.tableschema.json"
    descriptor
  })
  expect_error(icsm_read("actors", root), "leaves the package", class = "icsm_refused")
})

test_that("a compressed table is refused, not expanded", {
  root <- tiny_package()
  edit_descriptor(root, function(descriptor) {
    descriptor$resources[[2]]$compression <- "gz"
    descriptor
  })
  expect_error(icsm_read("actors", root), "is compressed", class = "icsm_refused")
})

test_that("a CSV that is not valid UTF-8 is refused", {
  root <- tiny_package()
  writeBin(c(charToRaw("actor_id,name,country\nact-x,"), as.raw(0xff), charToRaw(",IND\n")),
           file.path(root, "data", "actors.csv"))
  expect_error(icsm_read("actors", root), "data/actors.csv is not valid UTF-8", class = "icsm_refused")
})

test_that("a row with too many cells is an error naming the file", {
  root <- tiny_package()
  writeLines(c("actor_id,name,country", "act-x,X,IND,extra"), file.path(root, "data", "actors.csv"))
  expect_error(icsm_read("actors", root), "data/actors.csv is not a CSV table of the 3 columns", class = "icsm_refused")
})

test_that("a cell that is not of its column's type is an error naming the file, column and row", {
  root <- tiny_package()
  events <- readLines(file.path(root, "data", "events.csv"))
  writeLines(sub(",12,", ",twelve,", events), file.path(root, "data", "events.csv"))
  expect_error(icsm_read("events", root), "data/events.csv, column participants, row 1", class = "icsm_refused")
})

test_that("a single cell of 400 KB (under the cap) is read in linear time", {
  long <- package_with_long_cell(400000)
  seconds <- elapsed(table <- icsm_read("long", long$root))
  expect_identical(table$text, long$cell)
  expect_lt(seconds, 5) # about 0.01 s; read.csv took about 4 s, growing with the square of the cell
})

test_that("a single cell of 1.5 MB is refused at once by the size cap", {
  long <- package_with_long_cell(1500000)
  seconds <- elapsed(expect_error(icsm_read("long", long$root), "data/long.csv has [0-9]+ bytes, more than",
                                  class = "icsm_refused"))
  expect_lt(seconds, 10)
})

test_that("a title with terminal or bidirectional controls is refused, not cited", {
  for (title in c("Title\u001b]0;pwned\u0007", "Title \u202eevil")) {
    root <- tiny_package()
    edit_descriptor(root, function(d) { d$title <- title; d })
    expect_error(icsm_citation(root), "control or bidirectional", class = "icsm_refused")
  }
})

test_that("messages show control and bidirectional characters as escapes", {
  root <- tiny_package()
  message <- tryCatch(icsm_read("x\u001b[2J\u202e", root), error = conditionMessage)
  expect_false(grepl("\u001b", message, fixed = TRUE))
  expect_false(grepl("\u202e", message, fixed = TRUE))
  expect_match(message, "no table")
})

test_that("a contributor's given or family name with controls is refused, not cited", {
  for (field in c("givenName", "familyName")) {
    root <- tiny_package()
    edit_descriptor(root, function(d) { d$contributors[[1]][[field]] <- "Name\u001b[2J\u202e"; d })
    expect_error(icsm_citation(root), "control or bidirectional", class = "icsm_refused")
  }
})

test_that("a descriptor that is not JSON is refused with its excerpt escaped", {
  root <- tiny_package()
  writeLines("{\"title\": \"x\u001b[2J\u202e", file.path(root, "datapackage.json"), useBytes = TRUE)
  message <- tryCatch(icsm_read("events", root), error = conditionMessage)
  expect_match(message, "not valid JSON")
  expect_false(grepl("\u001b", message, fixed = TRUE))
})
