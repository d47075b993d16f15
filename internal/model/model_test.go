package model

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
)

// TestExceptionsMatchModel checks the table against the service model.
func TestExceptionsMatchModel(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.SharedModels(t), "iot1click-devices-2018-05-14.api.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Metadata struct {
			ServiceID   string `json:"serviceId"`
			APIVersion  string `json:"apiVersion"`
			SigningName string `json:"signingName"`
		} `json:"metadata"`
		Shapes map[string]struct {
			Exception bool `json:"exception"`
			Error     struct {
				HTTPStatusCode int `json:"httpStatusCode"`
			} `json:"error"`
		} `json:"shapes"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Metadata.ServiceID != ServiceID || m.Metadata.APIVersion != APIVersion || m.Metadata.SigningName != SigningName {
		t.Errorf("metadata %+v does not match the constants", m.Metadata)
	}
	n := 0
	for name, s := range m.Shapes {
		if !s.Exception {
			continue
		}
		n++
		if st, ok := StatusOf(name); !ok || st != s.Error.HTTPStatusCode {
			t.Errorf("StatusOf(%s) = %d, %t; model says %d", name, st, ok, s.Error.HTTPStatusCode)
		}
		if got := ExceptionFor(s.Error.HTTPStatusCode); got != name {
			t.Errorf("ExceptionFor(%d) = %q, want %q", s.Error.HTTPStatusCode, got, name)
		}
	}
	if n != len(Exceptions) {
		t.Errorf("model has %d exceptions, table %d", n, len(Exceptions))
	}
	if ExceptionFor(418) != "" {
		t.Error("ExceptionFor(418) names an exception")
	}
}
