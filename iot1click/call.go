package iot1click

import "context"

// call runs operation op and returns its output. PO is the pointer type of
// the output, which implements operationOutput.
func call[O any, PO interface {
	*O
	operationOutput
}](ctx context.Context, c *Client, op string, in operationInput, optFns []func(*Options)) (*O, error) {
	out := PO(new(O))
	if err := c.invoke(ctx, op, in, out, optFns); err != nil {
		return nil, err
	}
	return out, nil
}
