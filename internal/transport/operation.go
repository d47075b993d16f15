package transport

import (
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// OperationSpec describes an operation of a service over its input type I
// and output type O, with function values, so that the public types need
// no exported method for the engine's sake.
type OperationSpec[I, O any] struct {
	// Name is the operation's name, such as "DescribeDevice".
	Name string

	// Validate adds every problem of the input to errs; nil for an input
	// that cannot be invalid. RequireLabel, CheckMaxResults and ParamError
	// help.
	Validate func(in *I, errs *smithy.InvalidParamsError)

	// Serialize writes the request: method, path, query and body.
	Serialize func(in *I, r *Request)

	// Deserialize reads a successful response's body, whole in d; it is
	// not called for an empty body. Nil means an output without members,
	// whose body, when there is one, must still be a JSON object or null.
	Deserialize func(out *O, d *wire.Decoder) error

	// Metadata returns the output's ResultMetadata field. Required.
	Metadata func(out *O) *middleware.Metadata
}

// Operation is an operation bound to the engine, made once by
// NewOperation and kept in a package-level variable.
type Operation[I, O any] struct {
	op operation
}

// operation is an Operation with its types erased, as the attempt core
// and the middleware stack handle it: every function takes the input or
// output pointer as an any, which costs no allocation.
type operation struct {
	name        string
	inputName   string // such as "DescribeDeviceInput"
	validate    func(in any, errs *smithy.InvalidParamsError)
	serialize   func(in any, r *Request)
	deserialize func(out any, d *wire.Decoder) error
	metadata    func(out any) *middleware.Metadata
}

// NewOperation binds an operation.
func NewOperation[I, O any](spec OperationSpec[I, O]) *Operation[I, O] {
	op := &Operation[I, O]{op: operation{
		name:      spec.Name,
		inputName: spec.Name + "Input",
		serialize: func(in any, r *Request) { spec.Serialize(in.(*I), r) },
		metadata:  func(out any) *middleware.Metadata { return spec.Metadata(out.(*O)) },
	}}
	if spec.Validate != nil {
		op.op.validate = func(in any, errs *smithy.InvalidParamsError) { spec.Validate(in.(*I), errs) }
	}
	if spec.Deserialize != nil {
		op.op.deserialize = func(out any, d *wire.Decoder) error { return spec.Deserialize(out.(*O), d) }
	} else {
		op.op.deserialize = func(_ any, d *wire.Decoder) error { return d.Object(nil) }
	}
	return op
}
