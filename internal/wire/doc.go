// Package wire implements the REST-JSON wire rules used by the IoT 1-Click
// service clients: a zero-copy JSON decoder, append-style JSON encoders, and
// the HTTP binding helpers for path labels, query strings, timestamps and
// error codes.
//
// The package is written for the request/response hot path. The [Decoder]
// works over a string holding a whole response body and returns substrings
// of it for JSON strings that contain no escape sequences, so decoding a
// typical response allocates only for the maps, slices and escaped strings
// the caller keeps. The Append functions write into a caller-supplied
// buffer and allocate only when that buffer must grow.
//
// Errors stay short whatever the input: a [SyntaxError] shows about 40
// bytes around its offset, and any error that quotes a value quotes it
// through [Excerpt], at most [MaxExcerpt] bytes of it.
package wire
