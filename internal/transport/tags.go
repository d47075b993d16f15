package transport

import (
	"net/http"

	"github.com/iot1click-sdk/iot1click-go/internal/wire"
)

// The three tag operations travel alike in both services: a resource's
// ARN as one escaped path segment after /tags/, the tags as a "tags"
// member. A service's TagResource, UntagResource and ListTagsForResource
// serialize and read them with these.

// TagRequest writes a TagResource request: POST /tags/{resourceArn} with
// {"tags": tags}.
func TagRequest(r *Request, arn string, tags map[string]string) {
	r.Method(http.MethodPost)
	tagsPath(r, arn)
	r.JSONBody()
	r.Member("tags")
	r.Body = wire.AppendStringMap(r.Body, tags)
	r.EndBody()
}

// UntagRequest writes an UntagResource request: DELETE
// /tags/{resourceArn}?tagKeys=a&tagKeys=b.
func UntagRequest(r *Request, arn string, keys []string) {
	r.Method(http.MethodDelete)
	tagsPath(r, arn)
	for _, k := range keys {
		r.Query("tagKeys", k)
	}
}

// ListTagsRequest writes a ListTagsForResource request: GET
// /tags/{resourceArn}.
func ListTagsRequest(r *Request, arn string) {
	r.Method(http.MethodGet)
	tagsPath(r, arn)
}

// tagsPath writes the path of the tags of the resource arn.
func tagsPath(r *Request, arn string) {
	r.Literal("/tags/")
	r.Label(arn)
}

// DecodeTags reads a ListTagsForResource body, {"tags": {...}}, into tags.
func DecodeTags(d *wire.Decoder, tags *map[string]string) error {
	return d.Object(func(key string) error {
		if key != "tags" {
			return d.Skip()
		}
		var err error
		*tags, err = d.StringMap()
		return err
	})
}
