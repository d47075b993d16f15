package model

import (
	"regexp"
	"strings"
	"testing"
)

// TestProjectsPatterns checks the hand-written pattern checks against the
// model's regular expressions (Go's regexp has no lookahead, so the tag key's
// aws: prefix is checked beside it).
func TestProjectsPatterns(t *testing.T) {
	name := regexp.MustCompile(`^[0-9A-Za-z_-]+$`)
	tagKey := regexp.MustCompile(`^[a-zA-Z+-=._:/]+$`)
	arn := regexp.MustCompile(`^arn:aws:iot1click:[A-Za-z0-9_/.-]{0,63}:\d+:projects/[0-9A-Za-z_-]{1,128}$`)
	inputs := []string{"", "a", "A-b_9", "a b", "é", "a/b", "a:b", "aws:x", "awsx", "x,y;<=", "x>y", "x+y", "x|y",
		strings.Repeat("a", 128), strings.Repeat("a", 129),
		"arn:aws:iot1click:us-west-2:123456789012:projects/p1", "arn:aws:iot1click::1:projects/p",
		"arn:aws:iot1click:us-west-2::projects/p", "arn:aws:iot1click:us-west-2:12a:projects/p",
		"arn:aws:iot1click:us-west-2:1:projects/", "arn:aws:iot1click:us west:1:projects/p",
		"arn:aws:iot1click:" + strings.Repeat("r", 64) + ":1:projects/p", "arn:aws:iot1click:us-west-2:1:devices/p"}
	for i := 0; i < 128; i++ {
		inputs = append(inputs, "k"+string(rune(i)))
	}
	for _, s := range inputs {
		wantName := name.MatchString(s) && len(s) <= 128
		if got := ValidProjectName(s); got != wantName {
			t.Errorf("ValidProjectName(%q) = %v, want %v", s, got, wantName)
		}
		if got := ValidPlacementName(s); got != wantName {
			t.Errorf("ValidPlacementName(%q) = %v, want %v", s, got, wantName)
		}
		wantKey := tagKey.MatchString(s) && len(s) <= 128 && !strings.HasPrefix(s, "aws:")
		if got := ValidTagKey(s); got != wantKey {
			t.Errorf("ValidTagKey(%q) = %v, want %v", s, got, wantKey)
		}
		if got, want := ValidProjectArn(s), arn.MatchString(s); got != want {
			t.Errorf("ValidProjectArn(%q) = %v, want %v", s, got, want)
		}
	}
	if got := ProjectArn("us-west-2", "123456789012", "p1"); !ValidProjectArn(got) {
		t.Errorf("ProjectArn gave %q, which is not valid", got)
	}
}
