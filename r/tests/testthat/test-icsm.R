# The readers on the frozen fixture (tests/testthat/fixtures/package), and on a real package
# when ICSM_ROOT names one (as tests/test_r.py does with the repository).

# ---- The fixture ---------------------------------------------------------------------------

test_that("the tables are the table resources, in the descriptor's order", {
  expect_identical(icsm_tables(fixture()), c("events", "actors"))
})

test_that("each column has the R class of its Table Schema type", {
  events <- icsm_read("events", fixture())
  expect_identical(vapply(events, function(column) class(column)[1], character(1)),
                   c(event_id = "character", cameo_code = "character", date = "Date", goldstein = "numeric",
                     participants = "integer", confirmed = "logical", note = "character"))
})

test_that("values are read as written: a code keeps its leading zero", {
  events <- icsm_read("events", fixture())
  expect_identical(events$cameo_code[1:2], c("0313", "042"))
  expect_identical(events$date[1], as.Date("2018-10-22"))
  expect_identical(events$goldstein[1:2], c(5.2, -2))
  expect_identical(events$participants[c(1, 3)], c(12L, 3L))
  expect_identical(events$confirmed[1:2], c(TRUE, FALSE))
})

test_that("empty cells are NA in every type", {
  events <- icsm_read("events", fixture())
  expect_true(is.na(events$cameo_code[3]))
  expect_true(is.na(events$date[3]))
  expect_true(is.na(events$goldstein[3]))
  expect_true(is.na(events$participants[2]))
  expect_true(is.na(events$confirmed[3]))
  expect_true(is.na(events$note[2]))
})

test_that("quoted cells keep their commas, doubled quotes, line breaks and non-ASCII text", {
  expect_identical(icsm_read("events", fixture())$note[c(1, 3)], c("Signed, in New Delhi", "He said \"yes\""))
  name <- icsm_read("actors", fixture())$name[3]
  expect_identical(name, "India\u2019s Ministry of Home Affairs\n(New Delhi)")
  expect_identical(Encoding(name), "UTF-8")
})

test_that("an unknown table is an error that lists the tables", {
  expect_error(icsm_read("nothing", fixture()), "the tables are: events, actors", fixed = TRUE)
})

test_that("the root is the folder holding datapackage.json", {
  expect_identical(icsm_root(fixture()), normalizePath(fixture(), winslash = "/"))
  expect_error(icsm_root(tempdir()), "no datapackage.json")
})

test_that("the citation has the authors, the year of release, the version and [Data set]", {
  citation <- icsm_citation(fixture())
  # The creator and the author, not the mere contributor; an organisation stays one name.
  expect_identical(format(citation$author, include = c("given", "family")),
                   c("Fixture Maintainers", "Ada Lovelace"))
  expect_identical(citation$year, "2025") # the CHANGELOG heading of 0.3.0, not `created` (2024)
  text <- gsub("[[:space:]]+", " ", format(citation, style = "text")) # unwrapped
  expect_match(text, "A tiny fixture package for the icsm tests", fixed = TRUE)
  expect_match(text, "Version 0.3.0 [Data set]", fixed = TRUE)
  expect_match(paste(format(citation, style = "bibtex"), collapse = "\n"), "{Fixture Maintainers}", fixed = TRUE)
})

# ---- The real package (ICSM_ROOT) ----------------------------------------------------------

expected_class <- function(type) {
  switch(type, string = "character", integer = "integer", number = "numeric",
         boolean = "logical", date = "Date")
}

test_that("every table of the real package is read with the row count of its CSV", {
  skip_without_real_package()
  root <- real_root()
  descriptor <- jsonlite::fromJSON(file.path(root, "datapackage.json"), simplifyVector = FALSE)
  for (name in icsm_tables(root)) {
    table <- icsm_read(name, root)
    entry <- Filter(function(r) identical(r$name, name), descriptor$resources)[[1]]
    lines <- readLines(file.path(root, entry$path), encoding = "UTF-8", warn = FALSE)
    expect_equal(nrow(table), length(lines) - 1, info = name)
  }
})

test_that("every column of the real package has the type its Table Schema declares", {
  skip_without_real_package()
  root <- real_root()
  for (name in icsm_tables(root)) {
    table <- icsm_read(name, root)
    schema <- jsonlite::fromJSON(file.path(root, "schemas", paste0(name, ".tableschema.json")),
                                 simplifyVector = FALSE)
    for (field in schema$fields) {
      type <- if (is.null(field$type)) "string" else field$type
      expect_true(inherits(table[[field$name]], expected_class(type)), info = paste(name, field$name))
    }
  }
})

test_that("the real package's codes keep their leading zeros and dates are dates", {
  skip_without_real_package()
  coded <- icsm_read("coded_events", real_root())
  row <- coded[coded$coded_event_id == "ce-008", ]
  expect_identical(row$cameo_code, "0313")
  expect_identical(row$date, as.Date("2018-10-22"))
  expect_equal(row$goldstein, 5.2)
})

test_that("the real package's empty cells are missing values", {
  skip_without_real_package()
  qa <- icsm_read("qa", real_root())
  expect_equal(sum(is.na(qa$replies_to)), 2)
})

test_that("an unknown table of the real package is an error that lists the tables", {
  skip_without_real_package()
  expect_error(icsm_read("nothing", real_root()), "the tables are: sources")
})

test_that("the real package's citation names the authors, title, version and year of release", {
  skip_without_real_package()
  root <- real_root()
  text <- gsub("[[:space:]]+", " ", format(icsm_citation(root), style = "text")) # unwrapped
  descriptor <- jsonlite::fromJSON(file.path(root, "datapackage.json"), simplifyVector = FALSE)
  changelog <- readLines(file.path(root, "CHANGELOG.md"), encoding = "UTF-8", warn = FALSE)
  heading <- grep(sprintf("^## \\[%s\\] - ", descriptor$version), changelog, value = TRUE)[1]
  expect_match(text, descriptor$version, fixed = TRUE)
  expect_match(text, "First India", fixed = TRUE)
  expect_match(text, descriptor$contributors[[1]]$title, fixed = TRUE)
  expect_match(text, sprintf("(%s)", substr(sub(".* - ", "", heading), 1, 4)), fixed = TRUE)
  expect_match(text, "[Data set]", fixed = TRUE)
})

test_that("a copy of the real package whose descriptor names a path outside it is refused, not read", {
  skip_without_real_package()
  root <- real_root()
  copy <- tempfile("icsm-hostile-")
  dir.create(copy)
  file.copy(file.path(root, c("datapackage.json", "CHANGELOG.md")), copy)
  for (folder in c("data", "schemas")) file.copy(file.path(root, folder), copy, recursive = TRUE)
  for (path in c("../../../etc/passwd", "/etc/passwd", "data/../../outside.csv")) {
    edit_descriptor(copy, function(descriptor) {
      descriptor$resources[[1]]$path <- path
      descriptor
    })
    expect_error(icsm_read("sources", copy), class = "icsm_refused")
  }
})
