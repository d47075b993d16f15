package projects

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

func decoderOf(s string) *wire.Decoder {
	d := new(wire.Decoder)
	d.Reset(s)
	return d
}

func TestDecodeProjectDescription(t *testing.T) {
	body := `{
		"arn": "arn:aws:iot1click:us-west-2:123456789012:projects/lobby",
		"projectName": "lobby",
		"description": "the lobby \u00e9",
		"createdDate": 1531500000.5,
		"updatedDate": 1531500001,
		"placementTemplate": {
			"defaultAttributes": {"building": "B1", "floor": ""},
			"deviceTemplates": {
				"button": {"deviceType": "button", "callbackOverrides": {"onClickCallback": "arn:aws:lambda:us-west-2:123456789012:function:f"}},
				"spare": {},
				"gone": null
			},
			"unknown": [1, {"x": null}]
		},
		"tags": {"team": "ops"},
		"future": {"a": [true]}
	}`
	var got ProjectDescription
	d := decoderOf(body)
	if err := decodeProjectDescription(d, &got); err != nil {
		t.Fatal(err)
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	want := ProjectDescription{
		Arn:         "arn:aws:iot1click:us-west-2:123456789012:projects/lobby",
		ProjectName: "lobby",
		Description: "the lobby é",
		CreatedDate: time.UnixMilli(1531500000500).UTC(),
		UpdatedDate: time.Unix(1531500001, 0).UTC(),
		PlacementTemplate: &PlacementTemplate{
			DefaultAttributes: map[string]string{"building": "B1", "floor": ""},
			DeviceTemplates: map[string]DeviceTemplate{
				"button": {DeviceType: "button", CallbackOverrides: map[string]string{CallbackOnClick: "arn:aws:lambda:us-west-2:123456789012:function:f"}},
				"spare":  {},
			},
		},
		Tags: map[string]string{"team": "ops"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ProjectDescription (-want +got):\n%s", diff)
	}
}

func TestDecodeSummaries(t *testing.T) {
	projects, err := decodeProjectSummaries(decoderOf(`[{"arn":"a","projectName":"p","createdDate":1,"updatedDate":2.25,"tags":{"k":"v"},"x":1},{}]`))
	if err != nil {
		t.Fatal(err)
	}
	wantP := []ProjectSummary{
		{Arn: "a", ProjectName: "p", CreatedDate: time.Unix(1, 0).UTC(), UpdatedDate: time.UnixMilli(2250).UTC(), Tags: map[string]string{"k": "v"}},
		{},
	}
	if diff := cmp.Diff(wantP, projects); diff != "" {
		t.Errorf("projects (-want +got):\n%s", diff)
	}
	placements, err := decodePlacementSummaries(decoderOf(`[{"projectName":"p","placementName":"desk-1","createdDate":10,"updatedDate":11,"attributes":{"ignored":"in a summary"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	wantPl := []PlacementSummary{{ProjectName: "p", PlacementName: "desk-1", CreatedDate: time.Unix(10, 0).UTC(), UpdatedDate: time.Unix(11, 0).UTC()}}
	if diff := cmp.Diff(wantPl, placements); diff != "" {
		t.Errorf("placements (-want +got):\n%s", diff)
	}
	var pd PlacementDescription
	if err := decodePlacementDescription(decoderOf(`{"projectName":"p","placementName":"d","attributes":{"room":"101"},"createdDate":10,"updatedDate":12}`), &pd); err != nil {
		t.Fatal(err)
	}
	wantPd := PlacementDescription{ProjectName: "p", PlacementName: "d", Attributes: map[string]string{"room": "101"}, CreatedDate: time.Unix(10, 0).UTC(), UpdatedDate: time.Unix(12, 0).UTC()}
	if diff := cmp.Diff(wantPd, pd); diff != "" {
		t.Errorf("placement (-want +got):\n%s", diff)
	}
}

// Members of the wrong kind are typed errors, never a panic or a silent
// zero.
func TestDecodeWrongKinds(t *testing.T) {
	for _, body := range []string{
		`{"createdDate":"2018-07-13T16:40:00Z"}`,
		`{"createdDate":true}`,
		`{"updatedDate":1e300}`,
		`{"projectName":5}`,
		`{"tags":[]}`,
		`{"tags":{"k":1}}`,
		`{"placementTemplate":[]}`,
		`{"placementTemplate":{"deviceTemplates":[]}}`,
		`{"placementTemplate":{"deviceTemplates":{"b":"button"}}}`,
		`{"placementTemplate":{"deviceTemplates":{"b":{"callbackOverrides":{"onClickCallback":7}}}}}`,
		`{"placementTemplate":{"defaultAttributes":{"a":{}}}}`,
		`{"arn":"a"`,
	} {
		var v ProjectDescription
		err := decodeProjectDescription(decoderOf(body), &v)
		var se *wire.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: got %v, want a *wire.SyntaxError", body, err)
		}
	}
}

func TestAppendPlacementTemplate(t *testing.T) {
	tests := []struct {
		in   PlacementTemplate
		want string
	}{
		{PlacementTemplate{}, `{}`},
		{PlacementTemplate{DefaultAttributes: map[string]string{}}, `{"defaultAttributes":{}}`},
		{PlacementTemplate{DeviceTemplates: map[string]DeviceTemplate{}}, `{"deviceTemplates":{}}`},
		{
			PlacementTemplate{
				DefaultAttributes: map[string]string{"floor": "", "building": "B\"1"},
				DeviceTemplates: map[string]DeviceTemplate{
					"z": {},
					"a": {DeviceType: "button"},
					"m": {CallbackOverrides: map[string]string{CallbackOnClick: ""}},
					"b": {DeviceType: "button", CallbackOverrides: map[string]string{CallbackOnClick: "arn:f"}},
				},
			},
			`{"defaultAttributes":{"building":"B\"1","floor":""},"deviceTemplates":{` +
				`"a":{"deviceType":"button"},"b":{"callbackOverrides":{"onClickCallback":"arn:f"},"deviceType":"button"},` +
				`"m":{"callbackOverrides":{"onClickCallback":""}},"z":{}}}`,
		},
	}
	for _, tt := range tests {
		got := string(appendPlacementTemplate(nil, &tt.in))
		if got != tt.want {
			t.Errorf("appendPlacementTemplate(%+v)\n got %s\nwant %s", tt.in, got, tt.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("not JSON: %s", got)
		}
		// What is written reads back as it was.
		var back PlacementTemplate
		if err := decodePlacementTemplate(decoderOf(got), &back); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.in, back); diff != "" {
			t.Errorf("round trip (-in +back):\n%s", diff)
		}
	}
	// More device templates than the sorting buffer holds.
	many := PlacementTemplate{DeviceTemplates: map[string]DeviceTemplate{}}
	for _, n := range strings.Fields("j i h g f e d c b a") {
		many.DeviceTemplates[n] = DeviceTemplate{DeviceType: "button"}
	}
	got := string(appendPlacementTemplate(nil, &many))
	if !strings.HasPrefix(got, `{"deviceTemplates":{"a":`) || !strings.HasSuffix(got, `"j":{"deviceType":"button"}}}`) {
		t.Errorf("ten templates not in name order: %s", got)
	}
}
