package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/iot1click-sdk/iot1click-go/examples/emulator/internal/store"
	"github.com/iot1click-sdk/iot1click-go/internal/testenv"
	"github.com/iot1click-sdk/iot1click-go/iot1click"
	"github.com/iot1click-sdk/iot1click-go/iot1click/iot1clicktest"
)

// bigState writes a state file of 100,000 devices and 200,000 events, the
// restart goal's size, into dir, and returns its path.
func bigState(b *testing.B, dir string) string {
	b.Helper()
	path := filepath.Join(dir, "big.db")
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	devs := iot1clicktest.NewHandler(iot1clicktest.WithFleet(100_000)).Devices()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2 {
		for j := range devs {
			devs[j].Events = append(devs[j].Events, iot1clicktest.EventRecord{ClickType: "SINGLE", Time: at.Add(time.Duration(i*len(devs)+j) * time.Second)})
		}
	}
	// The first start saves the whole state in one transaction.
	iot1clicktest.NewHandler(iot1clicktest.WithDevices(devs...), iot1clicktest.WithStore(db))
	testenv.Must(b, db.Close())
	return path
}

// BenchmarkRestart measures the restart of the emulator on a state file of
// 100,000 devices and 200,000 events: opening the file, loading it, and
// building the server's state, ready to serve. The goal is 2 s at most.
func BenchmarkRestart(b *testing.B) {
	path := bigState(b, b.TempDir())
	probe, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	some := iot1clicktest.NewHandler(iot1clicktest.WithStore(probe)).Devices()[99_999]
	testenv.Must(b, probe.Close())
	cpu0 := cpuTime()
	for b.Loop() {
		db, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		h := iot1clicktest.NewHandler(iot1clicktest.WithStore(db))
		if d, ok := h.Device(some.DeviceId); !ok || len(d.Events) != 2 {
			b.Fatalf("device %s loaded: %v, with %d events", some.DeviceId, ok, len(d.Events))
		}
		testenv.Must(b, db.Close())
	}
	// On a machine shared with other work the wall time says little: the
	// process's CPU time per restart is what a free machine waits for, or
	// less (the garbage collector runs beside the loading).
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
	}
}

// cpuTime returns the user and system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkChange measures the cost of one acknowledged change through the
// API, UpdateDeviceState, in memory and with a state file (synced to disk
// before the answer), both sides in one run.
func BenchmarkChange(b *testing.B) {
	testenv.ClearAWS(b)
	for _, persisted := range []bool{false, true} {
		name := "memory"
		if persisted {
			name = "state-file"
		}
		b.Run(name, func(b *testing.B) {
			opts := []iot1clicktest.Option{iot1clicktest.WithFleet(1000)}
			if persisted {
				db, err := store.Open(filepath.Join(b.TempDir(), "state.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				opts = append(opts, iot1clicktest.WithStore(db))
			}
			srv := iot1clicktest.NewServer(opts...)
			defer srv.Close()
			c := srv.Client()
			id := srv.Devices()[0].DeviceId
			ctx := context.Background()
			i := 0
			for b.Loop() {
				i++
				if _, err := c.UpdateDeviceState(ctx, &iot1click.UpdateDeviceStateInput{DeviceId: id, Enabled: i%2 == 0}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClick measures a click (an event and its device), in memory and
// with a state file.
func BenchmarkClick(b *testing.B) {
	for _, persisted := range []bool{false, true} {
		b.Run(fmt.Sprint("persisted=", persisted), func(b *testing.B) {
			opts := []iot1clicktest.Option{iot1clicktest.WithFleet(1000)}
			if persisted {
				db, err := store.Open(filepath.Join(b.TempDir(), "state.db"))
				if err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				opts = append(opts, iot1clicktest.WithStore(db))
			}
			h := iot1clicktest.NewHandler(opts...)
			id := h.Devices()[0].DeviceId
			for b.Loop() {
				if _, err := h.Click(id, "SINGLE"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
