# Helpers for the tests; testthat sources this file before the tests.

# The tests check the default cap of 512 KiB, which the operator may raise with this variable.
Sys.unsetenv("ICSM_MAX_FILE_BYTES")
cap <- 512 * 1024

# The frozen fixture: a tiny package that the tests read but never change.
fixture <- function() test_path("fixtures", "package")

# The real package to check as well, when ICSM_ROOT names one ("" otherwise).
real_root <- function() Sys.getenv("ICSM_ROOT")
skip_without_real_package <- function() {
  skip_if(!nzchar(real_root()), "ICSM_ROOT is not set: no real package to check")
}

# A fresh copy of the fixture in its own temporary folder, for a test to break in one way.
tiny_package <- function() {
  folder <- tempfile("icsm-package-")
  dir.create(folder)
  file.copy(list.files(fixture(), full.names = TRUE), folder, recursive = TRUE)
  folder
}

# Edit the descriptor of the package at `root`: `change` takes and returns the parsed JSON.
edit_descriptor <- function(root, change) {
  path <- file.path(root, "datapackage.json")
  descriptor <- change(jsonlite::read_json(path))
  jsonlite::write_json(descriptor, path, auto_unbox = TRUE, null = "null", pretty = TRUE)
}

# A FIFO at `path`. Were a reader to open it, open() would wait for a writer forever; so a
# watchdog opens it read-write after 10 s (which returns at once), and a broken reader makes
# its test fail instead of hanging the whole suite.
make_fifo <- function(path) {
  skip_on_os("windows")
  skip_if(!nzchar(Sys.which("mkfifo")), "no mkfifo")
  unlink(path, recursive = TRUE)
  status <- system2("mkfifo", shQuote(path))
  skip_if(status != 0, "mkfifo failed")
  watchdog <- sprintf("sleep 10; [ -p %s ] && exec 3<> %s", shQuote(path), shQuote(path))
  system2("sh", c("-c", shQuote(watchdog)), wait = FALSE, stdout = FALSE, stderr = FALSE)
  invisible(path)
}

# Seconds `expr` takes.
elapsed <- function(expr) system.time(expr)[["elapsed"]]

# A CSV of one row whose `text` cell is `n` characters long (quoted, with commas, quotes and
# line breaks inside, which is what costs most), with the schema of a one-table package.
package_with_long_cell <- function(n) {
  root <- tempfile("icsm-long-cell-")
  dir.create(file.path(root, "data"), recursive = TRUE)
  dir.create(file.path(root, "schemas"))
  writeLines('{"name": "long", "version": "1.0.0", "title": "Long cell", "resources": [
    {"name": "long", "type": "table", "path": "data/long.csv", "schema": "schemas/long.json"}]}',
             file.path(root, "datapackage.json"))
  writeLines('{"fields": [{"name": "id", "type": "integer"}, {"name": "text", "type": "string"}]}',
             file.path(root, "schemas", "long.json"))
  cell <- substr(strrep("a, \"b\"\n", ceiling(n / 7)), 1, n)
  writeLines(c("id,text", paste0("1,\"", gsub("\"", "\"\"", cell, fixed = TRUE), "\"")),
             file.path(root, "data", "long.csv"))
  list(root = root, cell = cell)
}
