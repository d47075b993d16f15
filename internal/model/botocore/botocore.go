// Package botocore writes botocore service models of the API's two
// services, rendered from the project's description of them (package
// model), so that the AWS CLI and boto3, which no longer ship the services,
// can call them (and the emulator) with AWS_DATA_PATH pointing at the
// written folder.
package botocore

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iot1click-sdk/iot1click-go/internal/model"
)

// ServiceName is the Devices service's name in botocore's data folder and
// on the command line of the AWS CLI (aws iot1click-devices ...); the
// Projects service's is model.Projects.Name (iot1click-projects).
const ServiceName = "iot1click-devices"

// Services are the services Write writes, in order.
var services = []*model.Service{model.Devices, model.Projects}

// Files of the model, in DIR/ServiceName/APIVersion/.
const (
	ServiceFile    = "service-2.json"
	PaginatorsFile = "paginators-1.json"
)

// Service returns the service model (service-2.json) of svc.
func Service(svc *model.Service) ([]byte, error) {
	m := serviceModel{
		Metadata: metadata{
			APIVersion:          model.APIVersion,
			EndpointPrefix:      svc.EndpointPrefix,
			SigningName:         model.SigningName,
			ServiceAbbreviation: svc.Abbreviation,
			ServiceFullName:     svc.FullName,
			ServiceID:           svc.ServiceID,
			Protocol:            "rest-json",
			JSONVersion:         "1.1",
			UID:                 svc.UID,
			SignatureVersion:    "v4",
		},
		Documentation: svc.Docs[""],
		Operations:    map[string]operation{},
		Shapes:        map[string]shape{},
	}
	for _, op := range svc.Operations {
		o := operation{
			Name:          op.Name,
			HTTP:          httpBinding{Method: op.Method, RequestURI: op.URI, ResponseCode: op.Status},
			Input:         &ref{Shape: op.Name + "Request"},
			Documentation: svc.Docs[op.Name],
		}
		if err := m.addStructure(o.Input.Shape, op.Input, false); err != nil {
			return nil, err
		}
		if !op.NoOutput {
			o.Output = &ref{Shape: op.Name + "Response"}
			if err := m.addStructure(o.Output.Shape, op.Output, false); err != nil {
				return nil, err
			}
		}
		for _, code := range op.Errors {
			if _, ok := svc.StatusOf(code); !ok {
				return nil, fmt.Errorf("botocore: %s answers %s, which is not a modelled exception", op.Name, code)
			}
			o.Errors = append(o.Errors, ref{Shape: code})
		}
		m.Operations[op.Name] = o
	}
	for _, e := range svc.Exceptions {
		if err := m.addStructure(e.Code, svc.ExceptionMembers, false); err != nil {
			return nil, err
		}
		s := m.Shapes[e.Code]
		s.Exception = true
		s.Error = &errorTrait{HTTPStatusCode: e.Status}
		m.Shapes[e.Code] = s
	}
	return json.MarshalIndent(m, "", "  ")
}

// Paginators returns the paginators (paginators-1.json) of the paginated
// operations of svc: each pages with the members that travel as nextToken
// and maxResults.
func Paginators(svc *model.Service) ([]byte, error) {
	p := map[string]paginator{}
	for _, op := range svc.Operations {
		if op.ResultKey == "" {
			continue
		}
		pg := paginator{ResultKey: op.ResultKey}
		for _, m := range op.Input {
			switch m.Wire {
			case "nextToken":
				pg.InputToken = m.Name
			case "maxResults":
				pg.LimitKey = m.Name
			}
		}
		for _, m := range op.Output {
			if m.Wire == "nextToken" {
				pg.OutputToken = m.Name
			}
		}
		if pg.InputToken == "" || pg.OutputToken == "" || pg.LimitKey == "" {
			return nil, fmt.Errorf("botocore: paginated operation %s lacks nextToken or maxResults", op.Name)
		}
		p[op.Name] = pg
	}
	return json.MarshalIndent(map[string]any{"pagination": p}, "", "  ")
}

// Write writes the model of each service into dir/NAME/APIVersion/ (NAME
// is iot1click-devices, then iot1click-projects), creating the folders,
// and returns those folders.
func Write(dir string) ([]string, error) {
	var written []string
	for _, svc := range services {
		out, err := write(dir, svc)
		if err != nil {
			return nil, err
		}
		written = append(written, out)
	}
	return written, nil
}

// write writes the model of svc into dir/svc.Name/APIVersion/.
func write(dir string, svc *model.Service) (string, error) {
	data, err := Service(svc)
	if err != nil {
		return "", err
	}
	pag, err := Paginators(svc)
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, svc.Name, model.APIVersion)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", fmt.Errorf("botocore: %w", err)
	}
	for name, content := range map[string][]byte{ServiceFile: data, PaginatorsFile: pag} {
		if err := os.WriteFile(filepath.Join(out, name), append(content, '\n'), 0o644); err != nil {
			return "", fmt.Errorf("botocore: %w", err)
		}
	}
	return out, nil
}

// addStructure adds the structure name with members, and the shapes of its
// members. nested is true for a structure inside a JSON body, whose members
// cannot be bound to the URI or query.
func (m *serviceModel) addStructure(name string, members []model.Member, nested bool) error {
	s := shape{Type: model.KindStructure, Members: map[string]member{}}
	for _, mem := range members {
		if nested && mem.In != model.InBody {
			return fmt.Errorf("botocore: member %s of %s is bound to the %s outside a request", mem.Name, name, mem.In)
		}
		if err := m.addShape(mem.Shape); err != nil {
			return err
		}
		mb := member{Shape: mem.Shape.Name, Location: mem.In}
		if mem.In != model.InBody || mem.Wire != mem.Name {
			mb.LocationName = mem.Wire
		}
		s.Members[mem.Name] = mb
		if mem.Required {
			s.Required = append(s.Required, mem.Name)
		}
	}
	return m.put(name, s)
}

// addShape adds t and the shapes it refers to.
func (m *serviceModel) addShape(t *model.Shape) error {
	switch t.Kind {
	case model.KindStructure:
		return m.addStructure(t.Name, t.Members, true)
	case model.KindList:
		if err := m.addShape(t.Elem); err != nil {
			return err
		}
		return m.put(t.Name, shape{Type: t.Kind, Member: &ref{Shape: t.Elem.Name}, Min: t.Min, Max: t.Max})
	case model.KindMap:
		if err := m.addShape(t.Key); err != nil {
			return err
		}
		if err := m.addShape(t.Elem); err != nil {
			return err
		}
		return m.put(t.Name, shape{Type: t.Kind, Key: &ref{Shape: t.Key.Name}, Value: &ref{Shape: t.Elem.Name}, Min: t.Min, Max: t.Max})
	case model.KindString, model.KindInteger, model.KindDouble, model.KindBoolean, model.KindTimestamp:
		return m.put(t.Name, shape{Type: t.Kind, TimestampFormat: t.TimestampFormat, Min: t.Min, Max: t.Max, Pattern: t.Pattern})
	}
	return fmt.Errorf("botocore: shape %s has unknown kind %q", t.Name, t.Kind)
}

// put adds the shape s as name; adding the same shape again is a no-op, and
// a different shape under a taken name is an error.
func (m *serviceModel) put(name string, s shape) error {
	if old, ok := m.Shapes[name]; ok {
		a, _ := json.Marshal(old)
		b, _ := json.Marshal(s)
		if string(a) != string(b) {
			return fmt.Errorf("botocore: two different shapes are named %s", name)
		}
		return nil
	}
	m.Shapes[name] = s
	return nil
}

type serviceModel struct {
	Metadata      metadata             `json:"metadata"`
	Documentation string               `json:"documentation,omitempty"`
	Operations    map[string]operation `json:"operations"`
	Shapes        map[string]shape     `json:"shapes"`
}

type metadata struct {
	APIVersion          string `json:"apiVersion"`
	EndpointPrefix      string `json:"endpointPrefix"`
	SigningName         string `json:"signingName"`
	ServiceAbbreviation string `json:"serviceAbbreviation,omitempty"`
	ServiceFullName     string `json:"serviceFullName"`
	ServiceID           string `json:"serviceId"`
	Protocol            string `json:"protocol"`
	JSONVersion         string `json:"jsonVersion"`
	UID                 string `json:"uid"`
	SignatureVersion    string `json:"signatureVersion"`
}

type operation struct {
	Name          string      `json:"name"`
	HTTP          httpBinding `json:"http"`
	Input         *ref        `json:"input,omitempty"`
	Output        *ref        `json:"output,omitempty"`
	Errors        []ref       `json:"errors,omitempty"`
	Documentation string      `json:"documentation,omitempty"`
}

type httpBinding struct {
	Method       string `json:"method"`
	RequestURI   string `json:"requestUri"`
	ResponseCode int    `json:"responseCode,omitempty"`
}

type ref struct {
	Shape string `json:"shape"`
}

type shape struct {
	Type            string            `json:"type"`
	Members         map[string]member `json:"members,omitzero"`
	Required        []string          `json:"required,omitempty"`
	Member          *ref              `json:"member,omitempty"`
	Key             *ref              `json:"key,omitempty"`
	Value           *ref              `json:"value,omitempty"`
	Min             *int              `json:"min,omitempty"`
	Max             *int              `json:"max,omitempty"`
	Pattern         string            `json:"pattern,omitempty"`
	TimestampFormat string            `json:"timestampFormat,omitempty"`
	Exception       bool              `json:"exception,omitempty"`
	Error           *errorTrait       `json:"error,omitempty"`
}

type member struct {
	Shape        string `json:"shape"`
	Location     string `json:"location,omitempty"`
	LocationName string `json:"locationName,omitempty"`
}

type errorTrait struct {
	HTTPStatusCode int `json:"httpStatusCode"`
}

type paginator struct {
	InputToken  string `json:"input_token"`
	OutputToken string `json:"output_token"`
	LimitKey    string `json:"limit_key"`
	ResultKey   string `json:"result_key"`
}
