package offload

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// javaPointers reads testdata/java/pointers.tsv (bucket TAB key, the key
// in Go/Java string escapes) and the bodies Jackson wrote for them
// (testdata/java/java_bodies.txt, made by Gen.java with the AWS library's
// ObjectMapper configuration; see the comment in Gen.java).
func javaPointers(t *testing.T) ([]Pointer, []string) {
	t.Helper()
	tsv, err := os.ReadFile("testdata/java/pointers.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var ps []Pointer
	for _, line := range strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n") {
		bucket, esc, _ := strings.Cut(line, "\t")
		key, err := strconv.Unquote(`"` + esc + `"`)
		if err != nil {
			t.Fatalf("pointers.tsv line %q: %v", line, err)
		}
		ps = append(ps, Pointer{Bucket: bucket, Key: key})
	}
	return ps, readLines(t, "testdata/java/java_bodies.txt", len(ps))
}

func readLines(t *testing.T, path string, want int) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("%s has %d lines; want %d", path, len(lines), want)
	}
	return lines
}

func TestPointerBodyIsByteForByteWhatJacksonWrites(t *testing.T) {
	ps, bodies := javaPointers(t)
	for i, p := range ps {
		if got := p.Body(); got != bodies[i] {
			t.Errorf("pointer %d:\n got %s\nwant %s", i, got, bodies[i])
		}
	}
	// The issue's own example, written out.
	want := `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"B","s3Key":"K"}]`
	if got := (Pointer{Bucket: "B", Key: "K"}).Body(); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestParsePointerReadsEveryAWSLibrarysForm(t *testing.T) {
	ps, javaBodies := javaPointers(t)
	// testdata/python/python_bodies.txt: json.dumps as both Python clients
	// call it (gen.py), current then legacy class for each pointer.
	pyBodies := readLines(t, "testdata/python/python_bodies.txt", 2*len(ps))
	for i, p := range ps {
		for _, body := range []string{javaBodies[i], pyBodies[2*i], pyBodies[2*i+1], p.Body()} {
			got, ok, err := ParsePointer(body)
			if err != nil || !ok || got != p {
				t.Errorf("ParsePointer(%s) = %+v, %v, %v; want %+v", body, got, ok, err, p)
			}
		}
	}
	// Unknown fields are ignored, as by Jackson (FAIL_ON_UNKNOWN_PROPERTIES false).
	got, ok, err := ParsePointer(" \n" + `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3Key":"k","extra":[1],"s3BucketName":"b"}]`)
	if err != nil || !ok || got != (Pointer{"b", "k"}) {
		t.Errorf("with an extra field: %+v %v %v", got, ok, err)
	}
}

func TestParsePointerLeavesOtherBodiesAlone(t *testing.T) {
	for _, body := range []string{
		"",
		"hello",
		`{"s3BucketName":"b","s3Key":"k"}`,
		`["something.Else",{"s3BucketName":"b","s3Key":"k"}]`,
		`[1,2]`,
		`[]`,
		`[`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer"`, // not JSON
		`[["software.amazon.payloadoffloading.PayloadS3Pointer"],{}]`,
		// Over 8 KiB: never parsed, even if it is otherwise a pointer.
		`["` + PointerClass + `",{"s3BucketName":"b","s3Key":"` + strings.Repeat("k", maxPointerBody) + `"}]`,
	} {
		if p, ok, err := ParsePointer(body); ok || err != nil {
			t.Errorf("ParsePointer(%.60q) = %+v, %v, %v; want not a pointer", body, p, ok, err)
		}
	}
}

func TestParsePointerRefusesBrokenPointers(t *testing.T) {
	for _, body := range []string{
		`["software.amazon.payloadoffloading.PayloadS3Pointer"]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"k"},3]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer","b/k"]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3Key":"k"}]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b"}]`,
		`["com.amazon.sqs.javamessaging.MessageS3Pointer",{"s3BucketName":"","s3Key":"k"}]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":7}]`,
	} {
		_, ok, err := ParsePointer(body)
		if ok || !errors.Is(err, ErrInvalidPointer) {
			t.Errorf("ParsePointer(%s) = %v, %v; want ErrInvalidPointer", body, ok, err)
		}
	}
}

func FuzzParsePointer(f *testing.F) {
	f.Add(`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"k"}]`)
	f.Add(`["com.amazon.sqs.javamessaging.MessageS3Pointer", {"s3BucketName": "b", "s3Key": "\u00e9"}]`)
	f.Add(`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"b","s3Key":"a\"\\\n\u0001"}]`)
	f.Add("plain text")
	f.Fuzz(func(t *testing.T, body string) {
		p, ok, err := ParsePointer(body)
		if ok && err != nil {
			t.Fatalf("ok and an error: %v", err)
		}
		if !ok {
			return
		}
		// What it reads, it writes back so that it reads the same.
		again, ok, err := ParsePointer(p.Body())
		if !ok || err != nil || again != p {
			t.Fatalf("round trip of %+v: %+v, %v, %v", p, again, ok, err)
		}
	})
}
