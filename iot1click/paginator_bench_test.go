package iot1click

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// The benchmarks in this file measure what issue 9's memory decision
// costs:
//
//	go test -run '^$' -bench 'PaginatorNextPage|ListDevicesOwnedStrings' -benchmem ./iot1click/
//
// BenchmarkPaginatorNextPage is the paginator's own cost per page, the
// copy of the page token it keeps included (one allocation of the token's
// size, 200 bytes here as in the emulator). BenchmarkListDevicesOwnedStrings is a page of 100 devices decoded
// and then copied out of the page's memory, as a caller keeping its
// strings past the page would (strings.Clone): set against
// BenchmarkListDevices/100/client, it is what zero-copy strings save.

// benchTokenLen is the length of the emulator's page tokens.
const benchTokenLen = 200

// benchWalkPages is the length of the walks BenchmarkPaginatorNextPage
// makes.
const benchWalkPages = 40

// freshTokenPages is a ListDevicesAPIClient answering walks of
// benchWalkPages empty pages, each with a fresh token of benchTokenLen
// bytes sliced from one string, as a decoded token is sliced from its page.
type freshTokenPages struct {
	all string
	i   int
}

func newFreshTokenPages() *freshTokenPages {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, benchWalkPages+benchTokenLen)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return &freshTokenPages{all: string(b)}
}

func (f *freshTokenPages) ListDevices(context.Context, *ListDevicesInput, ...func(*Options)) (*ListDevicesOutput, error) {
	out := &ListDevicesOutput{}
	if f.i < benchWalkPages-1 {
		out.NextToken = f.all[f.i : f.i+benchTokenLen]
	}
	f.i = (f.i + 1) % benchWalkPages
	return out, nil
}

// BenchmarkPaginatorNextPage measures a page of walks of 40 pages, the
// paginator's making included: /plain, and /prefetch=1 for what fetching
// ahead costs when pages cost nothing to fetch (a goroutine a walk, a
// channel hand-over a page).
func BenchmarkPaginatorNextPage(b *testing.B) {
	ctx := context.Background()
	for _, ahead := range []int{0, 1} {
		name := "plain"
		if ahead > 0 {
			name = "prefetch=1"
		}
		b.Run(name, func(b *testing.B) {
			f := newFreshTokenPages()
			var p *ListDevicesPaginator
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if i%benchWalkPages == 0 {
					p = NewListDevicesPaginator(f, nil, func(o *ListDevicesPaginatorOptions) { o.Prefetch = ahead })
				}
				if _, err := p.NextPage(ctx); err != nil {
					b.Fatal(err)
				}
			}
			p.Stop()
		})
	}
}

// ownStrings copies every string of d out of its page's memory.
func ownStrings(d *DeviceDescription) {
	d.Arn, d.DeviceId, d.Type = strings.Clone(d.Arn), strings.Clone(d.DeviceId), strings.Clone(d.Type)
	for _, m := range []map[string]string{d.Attributes, d.Tags} {
		for k, v := range m {
			delete(m, k)
			m[strings.Clone(k)] = strings.Clone(v)
		}
	}
}

func BenchmarkListDevicesOwnedStrings(b *testing.B) {
	c := New(Options{
		Region:       benchRegion,
		Credentials:  benchCredentials(),
		HTTPClient:   benchHTTPClient(devicePage(100)),
		BaseEndpoint: aws.String(benchEndpoint),
	})
	in := &ListDevicesInput{DeviceType: benchDeviceType, MaxResults: benchMaxResults}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := c.ListDevices(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		for j := range out.Devices {
			ownStrings(&out.Devices[j])
		}
	}
}
