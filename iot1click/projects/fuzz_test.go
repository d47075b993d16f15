package projects

import (
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// FuzzDecoders feeds arbitrary bodies to every response decoder: each
// returns a value or an error, never panics, and what a decoder accepts
// is valid JSON up to its end or an error at End.
func FuzzDecoders(f *testing.F) {
	for _, seed := range []string{
		`{"project":{"arn":"a","projectName":"p","createdDate":1.5,"placementTemplate":{"deviceTemplates":{"b":{"callbackOverrides":{"onClickCallback":"x"}}}}}}`,
		`{"projects":[{"projectName":"p","createdDate":1,"tags":{"k":"v"}}],"nextToken":"t"}`,
		`{"placements":[{"placementName":"d","updatedDate":2}]}`,
		`{"placement":{"attributes":{"a":"b"}}}`,
		`{"devices":{"t":"G030"}}`,
		`{"tags":null}`,
		`{"projects":[`, `[]`, `{"createdDate":"x"}`, "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		decoders := []func(d *wire.Decoder) error{
			func(d *wire.Decoder) error { var v ProjectDescription; return decodeProjectDescription(d, &v) },
			func(d *wire.Decoder) error { var v PlacementDescription; return decodePlacementDescription(d, &v) },
			func(d *wire.Decoder) error { var v PlacementTemplate; return decodePlacementTemplate(d, &v) },
			func(d *wire.Decoder) error { _, err := decodeProjectSummaries(d); return err },
			func(d *wire.Decoder) error { _, err := decodePlacementSummaries(d); return err },
		}
		for _, decode := range decoders {
			var d wire.Decoder
			d.Reset(body)
			if err := decode(&d); err == nil {
				_ = d.End()
			}
		}
	})
}
