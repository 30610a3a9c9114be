package region_test

import (
	"fmt"

	"github.com/go-sns/connector/region"
)

func ExampleParse() {
	r, _ := region.Parse("us_east_2") // the Mendix enumeration name
	fmt.Println(r, r.Caption(), r.Partition())

	_, err := region.Parse("eu-wset-1")
	fmt.Println(err)
	// Output:
	// us-east-2 US East (Ohio) aws
	// region: "eu-wset-1": unknown region (did you mean "eu-west-1"?)
}

func ExampleNew() {
	// A region that opened after this release: well-formed is enough.
	r, err := region.New("xx-newplace-1")
	fmt.Println(r, r.Known(), r.Partition(), err)
	// Output: xx-newplace-1 false aws <nil>
}
