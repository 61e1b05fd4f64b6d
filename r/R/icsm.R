# Readers of the data package. The package folder is the one holding datapackage.json: a
# checkout of the repository or an unpacked release. `root` defaults to the environment
# variable ICSM_ROOT, else the working directory or the nearest folder above it that has one.

icsm_root <- function(root = NULL) {
  if (is.null(root)) root <- Sys.getenv("ICSM_ROOT", unset = "")
  if (nzchar(root)) {
    if (!file.exists(file.path(root, "datapackage.json"))) {
      stop(sprintf("no datapackage.json in %s", root), call. = FALSE)
    }
    return(normalizePath(root))
  }
  folder <- normalizePath(getwd())
  repeat {
    if (file.exists(file.path(folder, "datapackage.json"))) return(folder)
    parent <- dirname(folder)
    if (identical(parent, folder)) stop("no datapackage.json here or above; give `root`", call. = FALSE)
    folder <- parent
  }
}

# A path the descriptor names, inside the package: relative, no "..", no hidden or odd names
# (a hostile descriptor must not make the reader open a file elsewhere).
icsm_path <- function(root, path) {
  # No segment may start with ".", so neither ".." nor a hidden name can pass.
  ok <- is.character(path) && length(path) == 1 && grepl("^[a-z0-9_][a-z0-9_.-]*(/[a-z0-9_][a-z0-9_.-]*)*$", path)
  if (!ok) stop(sprintf("the descriptor names a path outside the package or unsafe: %s", substr(paste(path, collapse = " "), 1, 80)),
                call. = FALSE)
  file.path(root, path)
}

icsm_descriptor <- function(root) {
  jsonlite::fromJSON(file.path(root, "datapackage.json"), simplifyVector = FALSE)
}

# The tables of the package, in the order the descriptor lists them.
icsm_tables <- function(root = NULL) {
  root <- icsm_root(root)
  resources <- icsm_descriptor(root)$resources
  vapply(Filter(function(r) identical(r$type, "table"), resources), function(r) r$name, character(1))
}

# Column classes from the Table Schema's field types; dates are read as text, then converted.
icsm_classes <- c(string = "character", integer = "integer", number = "numeric",
                  boolean = "logical", date = "character")

# One table as a data frame with the declared types: integer, numeric, logical, Date and
# character columns; empty cells are NA. CAMEO codes and other identifiers stay character.
icsm_read <- function(name, root = NULL) {
  root <- icsm_root(root)
  resources <- icsm_descriptor(root)$resources
  entry <- Filter(function(r) identical(r$type, "table") && identical(r$name, name), resources)
  if (length(entry) == 0) {
    stop(sprintf("no table '%s'; the tables are: %s", name, paste(icsm_tables(root), collapse = ", ")),
         call. = FALSE)
  }
  entry <- entry[[1]]
  schema <- entry$schema
  if (is.character(schema)) schema <- jsonlite::fromJSON(icsm_path(root, schema), simplifyVector = FALSE)
  names <- vapply(schema$fields, function(f) f$name, character(1))
  types <- vapply(schema$fields, function(f) if (is.null(f$type)) "string" else f$type, character(1))
  table <- utils::read.csv(icsm_path(root, entry$path), colClasses = unname(icsm_classes[types]),
                           na.strings = "", check.names = FALSE, encoding = "UTF-8",
                           fileEncoding = "UTF-8", stringsAsFactors = FALSE)
  stopifnot(identical(colnames(table), names))
  for (column in names[types == "date"]) table[[column]] <- as.Date(table[[column]])
  table
}

# The recommended citation of this version, as a bibentry (print it, or format it as BibTeX).
icsm_citation <- function(root = NULL) {
  root <- icsm_root(root)
  descriptor <- icsm_descriptor(root)
  changelog <- readLines(file.path(root, "CHANGELOG.md"), encoding = "UTF-8", warn = FALSE)
  heading <- grep(sprintf("^## \\[%s\\] - [0-9]{4}-[0-9]{2}-[0-9]{2}", descriptor$version), changelog, value = TRUE)
  year <- if (length(heading)) substr(sub(".* - ", "", heading[1]), 1, 4) else NA_character_
  creators <- vapply(descriptor$contributors, function(c) c$title, character(1))
  utils::bibentry(
    bibtype = "Misc",
    title = descriptor$title,
    author = utils::person(given = creators[1]),
    year = year,
    note = sprintf("Version %s [data set]. Frictionless Data Package. Quoted source texts are not covered by the data licence", descriptor$version)
  )
}
