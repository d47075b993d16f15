package iot1click

import (
	"github.com/aws/smithy-go/middleware"

	"github.com/iot1click-sdk/iot1click-go/internal/transport"
)

// RequestID returns the request ID of the response an output's
// ResultMetadata describes, "" when the response carried none. It reads
// what awsmiddleware.GetRequestIDMetadata reads:
//
//	out, err := client.DescribeDevice(ctx, in)
//	...
//	log.Print(iot1click.RequestID(out.ResultMetadata))
func RequestID(md middleware.Metadata) string {
	return transport.RequestID(md)
}

// Attempts returns the number of attempts the call that produced an output
// took, 1 when it succeeded at once, and 0 when no request was sent (an
// output answered by a middleware). Calls through middleware also record
// each attempt in the metadata, read by retry.GetAttemptResults.
func Attempts(md middleware.Metadata) int {
	return transport.Attempts(md)
}
