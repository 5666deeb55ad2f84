package check

// docs/checks/<code>.md and its index are made from each check's Doc and
// testdata; a test in internal/gendocs fails when they are stale.
//go:generate go run ./internal/gendocs -testdata testdata -out ../docs/checks
