package iot1click

import "github.com/aws/smithy-go/middleware"

// callPaths are the two paths a call can take: the direct one, and the
// middleware stack that APIOptions turn on (here with an option that adds
// nothing).
var callPaths = []struct {
	name string
	opts []func(*Options)
}{
	{"direct", nil},
	{"stack", []func(*Options){func(o *Options) {
		o.APIOptions = append(o.APIOptions, func(*middleware.Stack) error { return nil })
	}}},
}
