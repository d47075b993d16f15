//go:build race

package iot1click

// raceEnabled reports that the tests run with the race detector.
const raceEnabled = true
