package offload

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// fakeS3 is an in-memory S3 of objects by bucket and key. Each operation
// can be made to fail, and every call is counted.
type fakeS3 struct {
	mu      sync.Mutex
	objects map[string]string // bucket + "/" + key
	puts    []*s3.PutObjectInput
	calls   int
	deletes int

	putErr, getErr, deleteErr error
	// noLength makes GetObject answer without a ContentLength, as a
	// chunked response would.
	noLength bool
	// read counts the bytes GetObject bodies handed out.
	read atomic.Int64
}

func newFakeS3() *fakeS3 { return &fakeS3{objects: map[string]string{}} }

func (f *fakeS3) PutObject(ctx context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	b, err := io.ReadAll(in.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.puts = append(f.puts, in)
	if err != nil {
		return nil, err
	}
	if f.putErr != nil {
		return nil, f.putErr
	}
	if in.ContentLength != nil && *in.ContentLength != int64(len(b)) {
		return nil, errors.New("fake: ContentLength does not match the body")
	}
	f.objects[aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key)] = string(b)
	return &s3.PutObjectOutput{}, nil
}

func (f *fakeS3) GetObject(ctx context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.getErr != nil {
		return nil, f.getErr
	}
	v, ok := f.objects[aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key)]
	if !ok {
		return nil, &types.NoSuchKey{Message: aws.String("The specified key does not exist.")}
	}
	out := &s3.GetObjectOutput{Body: io.NopCloser(&countingReader{r: strings.NewReader(v), f: f})}
	if !f.noLength {
		out.ContentLength = aws.Int64(int64(len(v)))
	}
	return out, nil
}

func (f *fakeS3) DeleteObject(ctx context.Context, in *s3.DeleteObjectInput, _ ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.deletes++
	if f.deleteErr != nil {
		return nil, f.deleteErr
	}
	delete(f.objects, aws.ToString(in.Bucket)+"/"+aws.ToString(in.Key))
	return &s3.DeleteObjectOutput{}, nil
}

func (f *fakeS3) object(p Pointer) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.objects[p.Bucket+"/"+p.Key]
	return v, ok
}

func (f *fakeS3) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.objects)
}

type countingReader struct {
	r io.Reader
	f *fakeS3
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.f.read.Add(int64(n))
	return n, err
}
