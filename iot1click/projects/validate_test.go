package projects

import (
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// problems runs check on a fresh InvalidParamsError and returns its
// messages.
func problems(check func(errs *smithy.InvalidParamsError)) []string {
	errs := smithy.InvalidParamsError{Context: "In"}
	check(&errs)
	var out []string
	for _, e := range errs.Errs() {
		out = append(out, e.Error())
	}
	return out
}

func TestCheckNames(t *testing.T) {
	long := strings.Repeat("a", 129)
	tests := []struct {
		name  string
		check func(errs *smithy.InvalidParamsError)
		want  []string // substrings, one per problem, in order
	}{
		{"valid", func(e *smithy.InvalidParamsError) {
			checkProjectName(e, "ProjectName", "Lobby_1-b")
			checkPlacementNames(e, "p", strings.Repeat("z", 128))
			checkTemplateName(e, "DeviceTemplateName", "button")
			checkProjectArn(e, "ResourceArn", "arn:aws:iot1click:us-west-2:123456789012:projects/lobby")
		}, nil},
		{"missing", func(e *smithy.InvalidParamsError) {
			checkPlacementNames(e, "", "")
			checkTemplateName(e, "DeviceTemplateName", "")
			checkProjectArn(e, "ResourceArn", "")
		}, []string{"missing required field, In.ProjectName", "In.PlacementName", "In.DeviceTemplateName", "In.ResourceArn"}},
		{"off pattern", func(e *smithy.InvalidParamsError) {
			checkProjectName(e, "ProjectName", "a/b")
			checkPlacementNames(e, "..", "desk 1")
			checkTemplateName(e, "DeviceTemplateName", "é")
		}, []string{
			`must match the pattern ^[0-9A-Za-z_-]+$, got "a/b", In.ProjectName.`,
			`got "..", In.ProjectName.`,
			`must match the pattern ^[a-zA-Z0-9_-]+$, got "desk 1", In.PlacementName.`,
			`got "é", In.DeviceTemplateName.`,
		}},
		{"too long", func(e *smithy.InvalidParamsError) {
			checkProjectName(e, "ProjectName", long)
		}, []string{"length must be at most 128, got 129, In.ProjectName."}},
		{"arn", func(e *smithy.InvalidParamsError) {
			checkProjectArn(e, "ResourceArn", "arn:aws:iot1click:us-west-2:123456789012:devices/G030PM0123456789")
		}, []string{`must be a project ARN matching ^arn:aws:iot1click:`}},
		{"page", func(e *smithy.InvalidParamsError) {
			checkNextToken(e, strings.Repeat("t", 1025))
			checkNextToken(e, strings.Repeat("t", 1024))
		}, []string{"length must be at most 1024, got 1025, In.NextToken."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(tt.check)
			if len(got) != len(tt.want) {
				t.Fatalf("problems %q, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestCheckMaps(t *testing.T) {
	long := func(n int) string { return strings.Repeat("v", n) }
	got := problems(func(e *smithy.InvalidParamsError) {
		checkStringMap(e, "Attributes", "", map[string]string{"ok": long(800), "": "x", "big": long(801), long(129): ""}, 800)
		checkTags(e, "Tags", map[string]string{"aws:owner": "x", "team": long(257), "ok+-=._:/": ""})
		checkTags(e, "Empty", map[string]string{})
		checkTags(e, "Absent", nil)
		checkTagKeys(e, "TagKeys", []string{"ok", "has space", ""})
		checkTagKeys(e, "NoKeys", nil)
		checkPlacementTemplate(e, "PlacementTemplate", &PlacementTemplate{
			DefaultAttributes: map[string]string{"a": long(801)},
			DeviceTemplates: map[string]DeviceTemplate{
				"bad name": {},
				"b":        {DeviceType: long(129), CallbackOverrides: map[string]string{CallbackOnClick: long(201)}},
				"fine":     {DeviceType: "button", CallbackOverrides: map[string]string{CallbackOnClick: long(200)}},
			},
		})
	})
	want := []string{
		"keys must not be empty, In.Attributes.",
		`length must be at most 800, got 801, In.Attributes["big"].`,
		`key "vvvv`,
		`key "aws:owner" must match the pattern ^(?!aws:)[a-zA-Z+-=._:/]+$, In.Tags.`,
		`length must be at most 256, got 257, In.Tags["team"].`,
		"must hold 1 to 50 tags, got 0, In.Empty.",
		`key "has space" must match the pattern`,
		"keys must not be empty, In.TagKeys[2].",
		"missing required field, In.NoKeys.",
		`length must be at most 800, got 801, In.PlacementTemplate.DefaultAttributes["a"].`,
		`length must be at most 128, got 129, In.PlacementTemplate.DeviceTemplates["b"].DeviceType.`,
		`length must be at most 200, got 201, In.PlacementTemplate.DeviceTemplates["b"].CallbackOverrides["onClickCallback"].`,
		`key must match the pattern ^[a-zA-Z0-9_-]+$, got "bad name", In.PlacementTemplate.DeviceTemplates.`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, got[i], w)
		}
	}
}

// A long key is quoted short: an error stays short whatever the input.
func TestProblemsStayShort(t *testing.T) {
	huge := strings.Repeat("k", 1<<20)
	for _, p := range problems(func(e *smithy.InvalidParamsError) {
		checkStringMap(e, "Attributes", "", map[string]string{huge: huge}, 800)
		checkTags(e, "Tags", map[string]string{huge: ""})
		checkProjectName(e, "ProjectName", huge+"/")
	}) {
		if len(p) > 400 {
			t.Errorf("problem of %d bytes: %.80s…", len(p), p)
		}
	}
}

// Valid input costs no allocation to check.
func TestCheckValidAllocs(t *testing.T) {
	tmpl := &PlacementTemplate{
		DefaultAttributes: map[string]string{"building": "B1"},
		DeviceTemplates:   map[string]DeviceTemplate{"button": {DeviceType: "button", CallbackOverrides: map[string]string{CallbackOnClick: "arn:f"}}},
	}
	tags := map[string]string{"team": "ops"}
	errs := new(smithy.InvalidParamsError)
	n := testing.AllocsPerRun(100, func() {
		checkProjectName(errs, "ProjectName", "lobby")
		checkPlacementTemplate(errs, "PlacementTemplate", tmpl)
		checkTags(errs, "Tags", tags)
		checkTagKeys(errs, "TagKeys", []string{"team"})
	})
	if n != 0 || errs.Len() != 0 {
		t.Errorf("%v allocations, %d problems for valid input; want none", n, errs.Len())
	}
}
