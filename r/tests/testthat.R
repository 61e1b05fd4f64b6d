library(testthat)
library(icsm)
test_check("icsm")
