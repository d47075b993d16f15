package wire

import "testing"

// BenchmarkDecodeEmptyPage decodes a ListDevices response with no devices.
func BenchmarkDecodeEmptyPage(b *testing.B) {
	body := `{"devices":[]}`
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var p testPage
		if err := decodePage(body, &p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeDevicePage100 decodes a ListDevices response with 100
// devices, each with an attributes object and a tags StringMap.
func BenchmarkDecodeDevicePage100(b *testing.B) {
	body := devicePage(100)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var p testPage
		if err := decodePage(body, &p); err != nil {
			b.Fatal(err)
		}
		if len(p.Devices) != 100 {
			b.Fatal(len(p.Devices))
		}
	}
}

// BenchmarkDecodeDevicePage100StringMaps is BenchmarkDecodeDevicePage100
// with attributes also read by StringMap: two maps per device.
func BenchmarkDecodeDevicePage100StringMaps(b *testing.B) {
	body := devicePage(100)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n := 0
		var d Decoder
		d.Reset(body)
		err := d.Object(func(key string) error {
			if key != "devices" {
				return nil
			}
			return d.Array(func() error {
				n++
				return d.Object(func(key string) error {
					switch key {
					case "attributes", "tags":
						m, err := d.StringMap()
						sinkMap = m
						return err
					}
					return nil
				})
			})
		})
		if err != nil || n != 100 {
			b.Fatal(err, n)
		}
	}
}

var sinkMap map[string]string

// BenchmarkSkipDevicePage100 validates the 100-device page without keeping
// anything: the pure scanning cost.
func BenchmarkSkipDevicePage100(b *testing.B) {
	body := devicePage(100)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if err := validate(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeStringMap encodes a four-entry map into a reused buffer.
func BenchmarkEncodeStringMap(b *testing.B) {
	m := map[string]string{"projectRegion": "us-west-2", "projectName": "p", "placementName": "x", "deviceTemplateName": "t"}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = AppendStringMap(buf[:0], m)
	}
}
