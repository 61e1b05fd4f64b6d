# Readers of the data package. The package folder is the one holding datapackage.json: a
# checkout of the repository or an unpacked release. `root` defaults to the environment
# variable ICSM_ROOT, else the working directory or the nearest folder above it that has one.
#
# A package folder may be hostile: its descriptor names the files to open, and any of them may
# be a link out of the folder, a FIFO (opening it would wait forever), a device, a folder or a
# huge file. So every file this code opens passes one gate first (icsm_gate), with the promises
# of the Python tools' gate (src/india_china_security_meetings/file_gate.py): a relative path
# inside the package, no hidden segment, not a URL, a regular file of at most 512 KiB, reached
# through no link that leaves the package. The gate judges the file before it is opened.

icsm_root <- function(root = NULL) {
  if (is.null(root)) root <- Sys.getenv("ICSM_ROOT", unset = "")
  if (!icsm_is_string(root)) stop("`root` must be one folder name", call. = FALSE)
  if (nzchar(root)) {
    if (!file.exists(file.path(root, "datapackage.json"))) {
      stop(sprintf("no datapackage.json in %s", root), call. = FALSE)
    }
    return(normalizePath(root, winslash = "/"))
  }
  folder <- normalizePath(getwd(), winslash = "/")
  repeat {
    if (file.exists(file.path(folder, "datapackage.json"))) return(folder)
    parent <- dirname(folder)
    if (identical(parent, folder)) stop("no datapackage.json here or above; give `root`", call. = FALSE)
    folder <- parent
  }
}

# ---- The file gate -------------------------------------------------------------------------

# The largest file of the real package has about 21 KB. A larger file is refused unread; the
# cap is the operator's to raise (ICSM_MAX_FILE_BYTES, as for the Python tools), never the
# package's.
icsm_max_file_bytes <- function() {
  value <- Sys.getenv("ICSM_MAX_FILE_BYTES", unset = "")
  if (grepl("^[0-9]{1,15}$", value) && as.numeric(value) > 0) as.numeric(value) else 512 * 1024
}

# Compressed files would be expanded without bound; the package stores none.
icsm_compressed <- "[.](zip|gz|bz2|xz|lzma|zst|tgz|7z)$"

icsm_is_string <- function(x) is.character(x) && length(x) == 1 && !is.na(x)

# A name from the package, fit for a message: at most 100 characters, control characters escaped.
icsm_shown <- function(x) {
  text <- if (icsm_is_string(x)) x else paste(format(x), collapse = " ")
  shown <- encodeString(substr(text, 1, 100))
  # encodeString leaves bidirectional controls as they are: show them as escapes too.
  for (char in regmatches(shown, gregexpr(icsm_bidi, shown, perl = TRUE))[[1]]) {
    shown <- gsub(char, sprintf("\\u%04x", utf8ToInt(char)), shown, fixed = TRUE)
  }
  shown
}

# Characters no value printed to a terminal or cited may hold: C0 controls but tab and LF, DEL,
# C1, and the bidirectional controls (the Python tools refuse the same).
icsm_bidi <- "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
icsm_unsafe <- r"((*UTF)[\x01-\x08\x0b-\x1f\x7f\x{80}-\x{9f}\x{61c}\x{200e}\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}])"

icsm_safe_text <- function(value, what) {
  if (icsm_is_string(value) && grepl(icsm_unsafe, value, perl = TRUE)) {
    icsm_refuse("values/control-char", "datapackage.json: %s holds a control or bidirectional character", what)
  }
  value
}

# Refusals are conditions of class "icsm_refused" whose `rule` names the rule broken.
icsm_refuse <- function(rule, format, ...) {
  stop(structure(class = c("icsm_refused", "error", "condition"),
                 list(message = sprintf(format, ...), call = NULL, rule = rule)))
}

# The rules the text of a path must follow, before the disk is asked.
icsm_path_text_issue <- function(value) {
  if (!icsm_is_string(value)) {
    return(c("path/malformed", "is not one path (a single string)"))
  }
  if (grepl("^[A-Za-z][A-Za-z0-9+.-]*:", value) || grepl("://", value, fixed = TRUE)) {
    return(c("path/url", "is a URL or has a scheme; only files inside the package are read, nothing is fetched"))
  }
  if (grepl("^[/~]", value)) {
    return(c("path/absolute", "is absolute; the package names its files relative to datapackage.json"))
  }
  if (grepl("\\", value, fixed = TRUE)) {
    return(c("path/backslash", "contains a backslash; the package uses '/' separators"))
  }
  parts <- strsplit(value, "/", fixed = TRUE)[[1]]
  if (".." %in% parts) return(c("path/parent", "leaves the package through a parent folder ('..')"))
  if (any(startsWith(parts, "."))) return(c("path/hidden", "is or lies in a hidden file or folder"))
  if (!nzchar(value) || grepl("//", value, fixed = TRUE) || endsWith(value, "/") || trimws(value) != value) {
    return(c("path/malformed", "has an empty segment or surrounding spaces"))
  }
  NULL
}

# Is `full` inside the folder `base`? Both are resolved paths (links followed).
icsm_inside <- function(base, full) {
  prefix <- if (endsWith(base, "/")) base else paste0(base, "/")
  identical(full, base) || startsWith(full, prefix)
}

# A regular file, not a FIFO, socket or device? file.info() and file_test("-f") cannot tell a
# FIFO from a file, and opening one to look would wait for a writer forever, so the POSIX
# `test -f` answers without opening it. Windows has no FIFOs inside folders: no folder is enough.
icsm_regular_file <- function(full) {
  if (.Platform$OS.type != "unix") return(TRUE)
  status <- suppressWarnings(system2("test", c("-f", shQuote(full)), stdout = FALSE, stderr = FALSE))
  identical(as.integer(status), 0L)
}

# The resolved path and size of the file `rel` of the package at `root`, when the gate lets it
# be opened; an icsm_refused condition naming the file and the rule otherwise. Nothing is opened.
icsm_gate <- function(root, rel, limit = icsm_max_file_bytes()) {
  issue <- icsm_path_text_issue(rel)
  if (!is.null(issue)) icsm_refuse(issue[1], "%s %s", icsm_shown(rel), issue[2])
  base <- normalizePath(root, winslash = "/", mustWork = TRUE)
  full <- normalizePath(file.path(base, rel), winslash = "/", mustWork = FALSE)
  if (!icsm_inside(base, full)) {
    icsm_refuse("path/escapes", "%s leaves the package: a symbolic link resolves it outside %s",
                icsm_shown(rel), base)
  }
  info <- file.info(full, extra_cols = FALSE)
  if (is.na(info$isdir)) icsm_refuse("path/missing", "%s does not exist", icsm_shown(rel))
  if (info$isdir) {
    icsm_refuse("path/not-regular", "%s is not a regular file but a folder", icsm_shown(rel))
  }
  if (!icsm_regular_file(full)) {
    icsm_refuse("path/not-regular", "%s is not a regular file (a FIFO, socket or device); it is not opened",
                icsm_shown(rel))
  }
  if (info$size > limit) {
    icsm_refuse("path/too-large", "%s has %.0f bytes, more than the %.0f a file of this package may have; %s",
                icsm_shown(rel), info$size, limit, "it is not read")
  }
  list(path = full, size = info$size)
}

# The bytes of `rel`, read once with the size the gate saw (and never more than the cap, should
# the file grow in between).
icsm_read_bytes <- function(root, rel, limit = icsm_max_file_bytes()) {
  gate <- icsm_gate(root, rel, limit)
  connection <- tryCatch(file(gate$path, open = "rb", raw = TRUE), error = function(e) {
    icsm_refuse("path/unreadable", "%s cannot be opened: %s", icsm_shown(rel), conditionMessage(e))
  }, warning = function(w) {
    icsm_refuse("path/unreadable", "%s cannot be opened: %s", icsm_shown(rel), conditionMessage(w))
  })
  on.exit(close(connection))
  bytes <- readBin(connection, "raw", n = gate$size + 1)
  if (length(bytes) > gate$size) bytes <- c(bytes, readBin(connection, "raw", n = limit + 1 - length(bytes)))
  if (length(bytes) > limit) {
    icsm_refuse("path/too-large", "%s grew beyond %.0f bytes while it was read; it is not used", icsm_shown(rel), limit)
  }
  bytes
}

# The text of `rel`: UTF-8 (a byte-order mark is dropped), marked as such whatever the locale.
icsm_read_text <- function(root, rel) {
  bytes <- icsm_read_bytes(root, rel)
  if (any(bytes == as.raw(0))) icsm_refuse("text/nul", "%s contains a NUL byte; it is not text", icsm_shown(rel))
  if (length(bytes) >= 3 && identical(bytes[1:3], as.raw(c(0xef, 0xbb, 0xbf)))) bytes <- bytes[-(1:3)]
  text <- rawToChar(bytes)
  if (!validUTF8(text)) icsm_refuse("text/encoding", "%s is not valid UTF-8", icsm_shown(rel))
  Encoding(text) <- "UTF-8"
  text
}

# A JSON object from the file `rel`, as nested lists. parse_json only parses: unlike fromJSON
# it never takes its text for a file name or a URL to fetch.
icsm_read_json <- function(root, rel) {
  text <- icsm_read_text(root, rel)
  value <- tryCatch(jsonlite::parse_json(text, simplifyVector = FALSE), error = function(e) {
    # The parser quotes the file: its excerpt is shown with controls escaped, like every name.
    reason <- icsm_shown(substr(gsub("[[:space:]]+", " ", conditionMessage(e)), 1, 100))
    icsm_refuse("json/invalid", "%s is not valid JSON: %s", icsm_shown(rel), reason)
  })
  if (!grepl("^[[:space:]]*[{]", text) || !is.list(value)) {
    icsm_refuse("json/not-object", "%s is not a JSON object", icsm_shown(rel))
  }
  value
}

# ---- The descriptor ------------------------------------------------------------------------

icsm_descriptor <- function(root) {
  descriptor <- icsm_read_json(root, "datapackage.json")
  resources <- descriptor[["resources"]]
  if (!is.null(resources) && !(is.list(resources) && is.null(names(resources)))) {
    icsm_refuse("descriptor/resources", "datapackage.json: resources is not a list")
  }
  descriptor
}

# The table resources of the descriptor, in its order (exact names: `$` would match a prefix).
icsm_table_entries <- function(descriptor) {
  Filter(function(r) is.list(r) && identical(r[["type"]], "table"), descriptor[["resources"]])
}

# The tables of the package, in the order the descriptor lists them.
icsm_tables <- function(root = NULL) {
  root <- icsm_root(root)
  names <- lapply(icsm_table_entries(icsm_descriptor(root)), function(r) r[["name"]])
  if (!all(vapply(names, icsm_is_string, logical(1)))) {
    icsm_refuse("descriptor/name", "datapackage.json: a table resource has no name")
  }
  as.character(unlist(names))
}

# ---- Tables --------------------------------------------------------------------------------

# The CSV dialect this reader parses; a resource that declares another one is refused rather
# than misread.
icsm_check_dialect <- function(entry, name) {
  dialect <- entry[["dialect"]]
  if (is.null(dialect)) return(invisible())
  expected <- list(delimiter = ",", quoteChar = "\"", doubleQuote = TRUE, header = TRUE)
  for (key in names(expected)) {
    if (!is.null(dialect[[key]]) && !identical(dialect[[key]], expected[[key]])) {
      icsm_refuse("resource/dialect", "table %s declares a CSV dialect this reader does not parse (%s)",
                  icsm_shown(name), key)
    }
  }
}

# The field list of a Table Schema (inline, or a file of the package).
icsm_schema <- function(root, entry, name) {
  schema <- entry[["schema"]]
  where <- if (icsm_is_string(schema)) schema else "its inline schema"
  if (icsm_is_string(schema)) schema <- icsm_read_json(root, schema)
  if (!is.list(schema) || !is.list(schema[["fields"]]) || !length(schema[["fields"]])) {
    icsm_refuse("schema/fields", "table %s: %s has no list of fields", icsm_shown(name), icsm_shown(where))
  }
  ok <- vapply(schema[["fields"]], function(f) is.list(f) && icsm_is_string(f[["name"]]), logical(1))
  names <- if (all(ok)) vapply(schema[["fields"]], function(f) f[["name"]], character(1)) else NA
  if (!all(ok) || anyDuplicated(names)) {
    icsm_refuse("schema/fields", "table %s: %s has a field without a name or two of one name",
                icsm_shown(name), icsm_shown(where))
  }
  missing <- schema[["missingValues"]]
  missing <- if (is.null(missing)) "" else unlist(Filter(icsm_is_string, missing))
  list(fields = schema[["fields"]], names = names, missing = as.character(missing))
}

# The cells of a CSV text as a list of character columns, header checked against the schema.
# scan() reads in linear time; read.csv() takes time that grows with the square of the longest
# quoted cell (about 4 s for one cell of 400 KB). Every warning of scan (an unterminated quote)
# is an error: a table is read whole or not at all.
icsm_parse_csv <- function(text, rel, names) {
  scan_csv <- function(...) {
    withCallingHandlers(
      tryCatch(
        scan(text = text, sep = ",", quote = "\"", na.strings = character(), quiet = TRUE, strip.white = FALSE,
             comment.char = "", allowEscapes = FALSE, encoding = "UTF-8", ...),
        error = function(e) {
          icsm_refuse("csv/malformed", "%s is not a CSV table of the %d columns of its schema: %s (after the header)",
                      icsm_shown(rel), length(names), conditionMessage(e))
        }
      ),
      warning = function(w) {
        icsm_refuse("csv/malformed", "%s is not well-formed CSV: %s", icsm_shown(rel), conditionMessage(w))
      }
    )
  }
  header <- scan_csv(what = "", nlines = 1, blank.lines.skip = FALSE)
  if (!identical(header, names)) {
    shown <- if (length(header) && any(nzchar(header))) icsm_shown(paste(header, collapse = ",")) else "(none)"
    icsm_refuse("csv/header", "%s has the header %s, not the fields of its schema: %s", icsm_shown(rel),
                shown, icsm_shown(paste(names, collapse = ",")))
  }
  columns <- scan_csv(what = rep(list(""), length(names)), skip = 1, multi.line = FALSE, fill = FALSE,
                      blank.lines.skip = TRUE)
  names(columns) <- names
  columns
}

# One column converted to the R type of its Table Schema type; the first cell that is not of
# the type is an error naming the file, the column and the row.
icsm_convert <- function(values, field, rel) {
  type <- if (icsm_is_string(field[["type"]])) field[["type"]] else "string"
  refuse_unless <- function(ok, what) {
    wrong <- which(!is.na(values) & !ok)
    if (length(wrong)) {
      icsm_refuse("csv/type", "%s, column %s, row %d: %s is not %s", icsm_shown(rel), icsm_shown(field[["name"]]),
                  wrong[1], encodeString(substr(values[wrong[1]], 1, 40), quote = "\""), what)
    }
  }
  strings <- function(key, default) {
    given <- field[[key]]
    if (is.list(given)) as.character(unlist(Filter(icsm_is_string, given))) else default
  }
  switch(type,
    integer = {
      numbers <- suppressWarnings(as.numeric(values))
      refuse_unless(grepl("^[+-]?[0-9]+$", values) & abs(numbers) <= .Machine$integer.max, "an integer R can hold")
      as.integer(numbers)
    },
    number = {
      pattern <- "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$|^(NaN|INF|-INF)$"
      refuse_unless(grepl(pattern, values), "a number")
      as.numeric(values)
    },
    boolean = {
      true <- strings("trueValues", c("true", "True", "TRUE", "1"))
      false <- strings("falseValues", c("false", "False", "FALSE", "0"))
      refuse_unless(values %in% c(true, false), "a boolean")
      ifelse(is.na(values), NA, values %in% true)
    },
    date = {
      format <- field[["format"]]
      if (!icsm_is_string(format) || format %in% c("default", "any")) {
        dates <- as.Date(values, format = "%Y-%m-%d", optional = TRUE)
        refuse_unless(grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", values) & !is.na(dates), "a date (YYYY-MM-DD)")
      } else {
        dates <- as.Date(values, format = format, optional = TRUE)
        refuse_unless(!is.na(dates), sprintf("a date of the format %s", icsm_shown(format)))
      }
      dates
    },
    values # string, and types this reader has no R class for, stay text
  )
}

# One table as a data frame with the declared types: integer, numeric, logical, Date and
# character columns; missing values (empty cells) are NA. Codes and identifiers stay character.
icsm_read <- function(name, root = NULL) {
  if (!icsm_is_string(name)) stop("`name` must be one table name", call. = FALSE)
  root <- icsm_root(root)
  descriptor <- icsm_descriptor(root)
  entry <- Filter(function(r) identical(r[["name"]], name), icsm_table_entries(descriptor))
  if (length(entry) == 0) {
    stop(sprintf("no table '%s'; the tables are: %s", icsm_shown(name),
                 paste(vapply(icsm_tables(root), icsm_shown, character(1)), collapse = ", ")),
         call. = FALSE)
  }
  entry <- entry[[1]]
  path <- entry[["path"]]
  if (!icsm_is_string(path)) {
    icsm_refuse("resource/path", "table %s does not name one file (a list of files is not read)", icsm_shown(name))
  }
  if (!is.null(entry[["compression"]]) || grepl(icsm_compressed, tolower(path))) {
    icsm_refuse("resource/compressed", "table %s is compressed; this reader does not expand files", icsm_shown(name))
  }
  encoding <- entry[["encoding"]]
  if (!is.null(encoding) && !(icsm_is_string(encoding) && tolower(encoding) %in% c("utf-8", "utf8"))) {
    icsm_refuse("resource/encoding", "table %s is not declared UTF-8", icsm_shown(name))
  }
  icsm_check_dialect(entry, name)
  schema <- icsm_schema(root, entry, name)
  text <- icsm_read_text(root, path)
  columns <- icsm_parse_csv(text, path, schema$names)
  for (i in seq_along(columns)) {
    values <- columns[[i]]
    values[values %in% schema$missing] <- NA
    columns[[i]] <- icsm_convert(values, schema$fields[[i]], path)
  }
  list2DF(columns)
}

# ---- Citation ------------------------------------------------------------------------------

# The authors: the contributors with the role creator or author (all of them when none has
# one), by their given and family names when the descriptor has them, else by their title.
icsm_authors <- function(descriptor) {
  contributors <- Filter(is.list, descriptor[["contributors"]])
  roles <- function(c) c(unlist(Filter(icsm_is_string, c[["roles"]])), if (icsm_is_string(c[["role"]])) c[["role"]])
  creators <- Filter(function(c) any(c("creator", "author") %in% roles(c)), contributors)
  if (!length(creators)) creators <- contributors
  people <- lapply(creators, function(c) {
    given <- c[["givenName"]]
    family <- c[["familyName"]]
    if (icsm_is_string(given) || icsm_is_string(family)) {
      utils::person(given = if (icsm_is_string(given)) given, family = if (icsm_is_string(family)) family)
    } else if (icsm_is_string(c[["title"]])) {
      utils::person(given = c[["title"]]) # an organisation: one name, kept whole in BibTeX
    }
  })
  people <- Filter(Negate(is.null), people)
  if (length(people)) do.call(c, people)
}

# The year of release: from the CHANGELOG.md heading of this version, else from `created`.
icsm_year <- function(changelog, descriptor) {
  lines <- strsplit(changelog, "\r?\n")[[1]]
  heading <- lines[startsWith(lines, paste0("## [", descriptor[["version"]], "] - "))]
  date <- sub("^## \\[.*\\] - ", "", heading[1])
  if (length(heading) && grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}", date)) return(substr(date, 1, 4))
  created <- descriptor[["created"]]
  if (icsm_is_string(created) && grepl("^[0-9]{4}-", created)) substr(created, 1, 4)
}

# The recommended citation of this version, as a bibentry (print it, or format it as BibTeX).
icsm_citation <- function(root = NULL) {
  root <- icsm_root(root)
  descriptor <- icsm_descriptor(root)
  if (!icsm_is_string(descriptor[["title"]]) || !icsm_is_string(descriptor[["version"]])) {
    icsm_refuse("descriptor/citation", "datapackage.json has no title or no version to cite")
  }
  icsm_safe_text(descriptor[["title"]], "the title")
  icsm_safe_text(descriptor[["version"]], "the version")
  for (contributor in descriptor[["contributors"]]) {
    # Every text of a contributor may reach the citation (title, givenName, familyName, …).
    for (value in unlist(contributor)) icsm_safe_text(value, "a contributor's name")
  }
  changelog <- icsm_read_text(root, "CHANGELOG.md")
  version <- descriptor[["version"]]
  name <- if (icsm_is_string(descriptor[["name"]])) descriptor[["name"]] else "data"
  utils::bibentry(
    bibtype = "Misc",
    key = gsub("[^A-Za-z0-9]+", "_", paste(name, version)),
    title = descriptor[["title"]],
    author = icsm_authors(descriptor),
    year = icsm_year(changelog, descriptor),
    note = paste(sprintf("Version %s [Data set]. Frictionless Data Package.", version),
                 "Quoted source texts are not covered by the data licence")
  )
}
