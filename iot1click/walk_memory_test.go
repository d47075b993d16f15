package iot1click_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/iot1click-sdk/iot1click-go/iot1click"
)

// bigPages is a ListDevicesAPIClient whose pages are large and whose
// strings, NextToken included, share one allocation per page, as those the
// client decodes share the page's response body. A walk that keeps a
// string of a page keeps the whole page alive.
type bigPages struct {
	pages    int
	pageSize int // bytes in a page
}

func (f *bigPages) ListDevices(_ context.Context, in *iot1click.ListDevicesInput, _ ...func(*iot1click.Options)) (*iot1click.ListDevicesOutput, error) {
	i := 0
	if in.NextToken != "" {
		if _, err := fmt.Sscanf(in.NextToken, "token-%06d", &i); err != nil {
			return nil, fmt.Errorf("fake: bad token %q", in.NextToken)
		}
	}
	// One allocation holds the token of the next page and the devices.
	next := fmt.Sprintf("token-%06d", i+1)
	body := strings.Repeat("x", f.pageSize)
	body = next + body[len(next):]
	out := &iot1click.ListDevicesOutput{}
	if i+1 < f.pages {
		out.NextToken = body[:len(next)]
	}
	for off := 0; off+64 <= len(body) && len(out.Devices) < 100; off += f.pageSize / 100 {
		out.Devices = append(out.Devices, iot1click.DeviceDescription{DeviceId: body[off : off+16]})
	}
	return out, nil
}

// liveHeap returns the bytes of heap in use after a garbage collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWalkKeepsNoPage walks 40 pages of 1 MiB and checks that the live
// heap stays below 10 pages' worth all along: the paginator and the
// iterator keep nothing of a page once the caller has moved on (issue 9:
// the page tokens kept for the duplicate check pinned every page).
func TestWalkKeepsNoPage(t *testing.T) {
	checkLeaks(t)
	const (
		pages    = 40
		pageSize = 1 << 20
		bound    = 10 * pageSize
	)
	// walkPages walks the pages of a paginator with the options opts.
	walkPages := func(opts func(*iot1click.ListDevicesPaginatorOptions)) func(f *bigPages, each func(n int)) error {
		return func(f *bigPages, each func(int)) error {
			p := iot1click.NewListDevicesPaginator(f, nil, opts)
			for p.HasMorePages() {
				out, err := p.NextPage(context.Background())
				if err != nil {
					return err
				}
				each(len(out.Devices)) // out is dead from here on

			}
			return nil
		}
	}
	walks := []struct {
		name string
		walk func(f *bigPages, each func(n int)) error
	}{
		{"paginator", walkPages(func(*iot1click.ListDevicesPaginatorOptions) {})},
		{"paginator with prefetch", walkPages(func(o *iot1click.ListDevicesPaginatorOptions) { o.Prefetch = 2 })},
		{"iterator", func(f *bigPages, each func(int)) error {
			i := 0
			for _, err := range iot1click.NewListDevicesPaginator(f, nil).Devices(context.Background()) {
				if err != nil {
					return err
				}
				if i++; i%100 == 0 {
					each(100)
				}
			}
			return nil
		}},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			base := liveHeap()
			var peak uint64
			seen := 0
			err := w.walk(&bigPages{pages: pages, pageSize: pageSize}, func(n int) {
				seen++
				if h := liveHeap(); h > peak {
					peak = h
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if seen != pages {
				t.Fatalf("walk saw %d pages, want %d", seen, pages)
			}
			if peak > base+bound {
				t.Errorf("live heap grew by %d MiB during a walk of %d pages of 1 MiB; want under %d MiB",
					(peak-base)>>20, pages, bound>>20)
			}
		})
	}
}

// TestClientWalkKeepsNoPage is TestWalkKeepsNoPage through the client, whose
// decoder gives strings that share the response body: 40 pages of about
// 1 MiB from an HTTP server, ranged over with AllDevices.
func TestClientWalkKeepsNoPage(t *testing.T) {
	checkLeaks(t)
	const (
		pages = 40
		bound = 10 << 20
	)
	pad := strings.Repeat("x", 10<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := 0
		if tok := r.URL.Query().Get("nextToken"); tok != "" {
			_, _ = fmt.Sscanf(tok, "token-%06d", &i)
		}
		var b strings.Builder
		b.WriteString(`{"devices":[`)
		for j := 0; j < 100; j++ {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"deviceId":"G030PM%04d%06d","type":"button","attributes":{"pad":"%s"}}`, i, j, pad)
		}
		b.WriteString(`]`)
		if i+1 < pages {
			fmt.Fprintf(&b, `,"nextToken":"token-%06d"`, i+1)
		}
		b.WriteString(`}`)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(b.String()))
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := iot1click.New(iot1click.Options{
		Region:       "us-west-2",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   &http.Client{Transport: tr},
	})

	base := liveHeap()
	var peak uint64
	n := 0
	for _, err := range client.AllDevices(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n%100 == 0 {
			peak = max(peak, liveHeap())
		}
	}
	if n != pages*100 {
		t.Fatalf("walk saw %d devices, want %d", n, pages*100)
	}
	if peak > base+bound {
		t.Errorf("live heap grew by %d MiB during a walk of %d pages of 1 MiB; want under %d MiB",
			(peak-base)>>20, pages, bound>>20)
	}
}
