# Run with ICSM_ROOT set to a package folder (a checkout or an unpacked release).

root <- Sys.getenv("ICSM_ROOT")

expected_class <- function(type) {
  switch(type, string = "character", integer = "integer", number = "numeric",
         boolean = "logical", date = "Date")
}

test_that("every table is read with the row count of its CSV", {
  for (name in icsm_tables(root)) {
    table <- icsm_read(name, root)
    descriptor <- jsonlite::fromJSON(file.path(root, "datapackage.json"), simplifyVector = FALSE)
    entry <- Filter(function(r) identical(r$name, name), descriptor$resources)[[1]]
    lines <- readLines(file.path(root, entry$path), encoding = "UTF-8", warn = FALSE)
    expect_equal(nrow(table), length(lines) - 1, info = name)
  }
})

test_that("every column has the type its Table Schema declares", {
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

test_that("codes keep their leading zeros and dates are dates", {
  coded <- icsm_read("coded_events", root)
  row <- coded[coded$coded_event_id == "ce-008", ]
  expect_identical(row$cameo_code, "0313")
  expect_identical(row$date, as.Date("2018-10-22"))
  expect_equal(row$goldstein, 5.2)
})

test_that("empty cells are missing values", {
  qa <- icsm_read("qa", root)
  expect_equal(sum(is.na(qa$replies_to)), 2)
})

test_that("an unknown table is an error that lists the tables", {
  expect_error(icsm_read("nothing", root), "the tables are: sources")
})

test_that("the citation names the title, the version and the year of release", {
  text <- format(icsm_citation(root), style = "text")
  descriptor <- jsonlite::fromJSON(file.path(root, "datapackage.json"), simplifyVector = FALSE)
  expect_match(text, descriptor$version, fixed = TRUE)
  expect_match(text, "First India", fixed = TRUE)
})

test_that("a descriptor that names a path outside the package is refused, not read", {
  copy <- tempfile("icsm-hostile-")
  dir.create(copy)
  file.copy(file.path(root, c("datapackage.json", "CHANGELOG.md")), copy)
  for (folder in c("data", "schemas")) file.copy(file.path(root, folder), copy, recursive = TRUE)
  descriptor <- jsonlite::fromJSON(file.path(copy, "datapackage.json"), simplifyVector = FALSE)
  for (path in c("../../../etc/passwd", "/etc/passwd", "data/../../outside.csv")) {
    descriptor$resources[[1]]$path <- path
    jsonlite::write_json(descriptor, file.path(copy, "datapackage.json"), auto_unbox = TRUE, null = "null")
    expect_error(icsm_read(descriptor$resources[[1]]$name, copy), "outside the package or unsafe")
  }
})
