package snstest

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/model"
)

// opError wraps err as the SDK client wraps every failure, in a
// *smithy.OperationError naming the service and operation, so errors.As
// and errors.Is see the same chain as with a real client. An error that is
// already an OperationError is returned as it is.
func opError(op string, err error) error {
	var oe *smithy.OperationError
	if errors.As(err, &oe) {
		return err
	}
	return &smithy.OperationError{ServiceID: "SNS", OperationName: op, Err: err}
}

// The modeled errors the fake returns, with SNS's messages where they are
// known.

func invalidParameter(format string, args ...any) error {
	return &types.InvalidParameterException{Message: aws.String(fmt.Sprintf(format, args...))}
}

func invalidParameterValue(format string, args ...any) error {
	return &types.InvalidParameterValueException{Message: aws.String(fmt.Sprintf(format, args...))}
}

func topicNotFound() error {
	return &types.NotFoundException{Message: aws.String("Topic does not exist")}
}

func subscriptionNotFound() error {
	return &types.NotFoundException{Message: aws.String("Subscription does not exist")}
}

func resourceNotFound() error {
	return &types.ResourceNotFoundException{Message: aws.String("Resource does not exist")}
}

// notAuthorized is what SNS answers for a resource of another account: the
// fake's caller has no permission there.
func notAuthorized(account, action, arn string) error {
	return &types.AuthorizationErrorException{Message: aws.String(fmt.Sprintf(
		"User: arn:aws:iam::%s:user/snstest is not authorized to perform: SNS:%s on resource: %s because no resource-based policy allows the SNS:%s action",
		account, action, arn, action))}
}

// problem returns the first problem the model found with a value: the
// fake holds input to the model's rules and words their verdicts as SNS
// does.
func problem(err error) *model.ValidationError {
	var ve *model.ValidationError
	switch {
	case errors.As(err, &ve):
		return ve
	case err == nil:
		return &model.ValidationError{}
	}
	return &model.ValidationError{Reason: err.Error()}
}

// required mirrors the SDK client's own check of required members, which
// fails before a request is sent with a smithy.InvalidParamsError.
type required struct {
	params smithy.InvalidParamsError
}

func newRequired(input string) *required {
	return &required{params: smithy.InvalidParamsError{Context: input}}
}

func (r *required) check(name string, present bool) *required {
	if !present {
		r.params.Add(smithy.NewErrParamRequired(name))
	}
	return r
}

func (r *required) nested(name string, err *required) *required {
	if err != nil && err.params.Len() > 0 {
		r.params.AddNested(name, err.params)
	}
	return r
}

func (r *required) err() error {
	if r.params.Len() == 0 {
		return nil
	}
	return r.params
}

// reason is the text of a model validation error without its field and
// rule, for an SNS-like message; other errors as they are.
func reason(err error) string { return problem(err).Reason }
