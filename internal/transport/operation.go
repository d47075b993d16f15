package transport

import (
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// Operation describes an operation of a service over its input type I and
// output type O, with function values, so that the public types need no
// exported method for the engine's sake. A service keeps each in a
// package-level variable initialized by a composite literal: it is static
// data, so a program that never calls an operation links none of its code.
type Operation[I, O any] struct {
	// Name is the operation's name, such as "DescribeDevice".
	Name string

	// Validate adds every problem of the input to errs; nil for an input
	// that cannot be invalid. RequireLabel, CheckMaxResults and ParamError
	// help. The errors get the context NameInput (such as
	// "DescribeDeviceInput") once validation is over.
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

// operation is an Operation with its types erased, as the attempt core
// and the middleware stack handle it: every method takes the input or
// output pointer as an any, which costs no allocation, and a
// *Operation[I, O] is one without allocating either.
type operation interface {
	name() string
	validate(in any, errs *smithy.InvalidParamsError)
	serialize(in any, r *Request)
	deserialize(out any, d *wire.Decoder) error
	metadata(out any) *middleware.Metadata
}

func (op *Operation[I, O]) name() string { return op.Name }

func (op *Operation[I, O]) validate(in any, errs *smithy.InvalidParamsError) {
	if op.Validate != nil {
		op.Validate(in.(*I), errs)
	}
}

func (op *Operation[I, O]) serialize(in any, r *Request) { op.Serialize(in.(*I), r) }

func (op *Operation[I, O]) deserialize(out any, d *wire.Decoder) error {
	if op.Deserialize == nil {
		return d.Object(nil)
	}
	return op.Deserialize(out.(*O), d)
}

func (op *Operation[I, O]) metadata(out any) *middleware.Metadata { return op.Metadata(out.(*O)) }
