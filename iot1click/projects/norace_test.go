//go:build !race

package projects_test

// raceEnabled reports that the tests run with the race detector.
const raceEnabled = false
