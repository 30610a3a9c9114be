package snstest

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// topicPolicy is a topic's access policy, as much of it as AddPermission
// and RemovePermission touch; other keys of each statement are kept.
type topicPolicy struct {
	Version   string            `json:"Version,omitempty"`
	ID        string            `json:"Id,omitempty"`
	Statement []json.RawMessage `json:"Statement"`
}

// sid reads a statement's Sid.
func sid(stmt json.RawMessage) string {
	var s struct {
		Sid string `json:"Sid"`
	}
	_ = json.Unmarshal(stmt, &s)
	return s.Sid
}

// policyLocked returns the topic's policy, SNS's default when none was
// set. The caller holds s.mu.
func (s *Server) policyLocked(t *topic) (topicPolicy, error) {
	doc := t.attrs["Policy"]
	if doc == "" {
		doc = defaultTopicPolicy(t.arn, s.account)
	}
	var p topicPolicy
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		return topicPolicy{}, invalidParameter("Invalid parameter: the topic's Policy is not a policy document")
	}
	return p, nil
}

// AddPermission adds a statement to a topic's Policy that allows the
// accounts the actions (as "SNS:Action") on the topic, with the label as
// its Sid. A label the policy has already is InvalidParameter, as are an
// account that is not 12 digits and an action that is not a name.
func (s *Server) AddPermission(ctx context.Context, in *sns.AddPermissionInput, optFns ...func(*sns.Options)) (*sns.AddPermissionOutput, error) {
	const op = "AddPermission"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.AddPermissionInput{}
	}
	if err := newRequired("AddPermissionInput").check("AWSAccountId", in.AWSAccountId != nil).check("ActionName", in.ActionName != nil).check("Label", in.Label != nil).check("TopicArn", in.TopicArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if err := (model.Permission{Label: *in.Label, AccountIDs: in.AWSAccountId, Actions: in.ActionName}).Validate(); err != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: %s", reason(err)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", op, r, *in.TopicArn)
	if err != nil {
		return nil, opError(op, err)
	}
	p, err := s.policyLocked(t)
	if err != nil {
		return nil, opError(op, err)
	}
	for _, stmt := range p.Statement {
		if sid(stmt) == *in.Label {
			return nil, opError(op, invalidParameter("Invalid parameter: Label Reason: Statement already exists"))
		}
	}
	stmt, _ := json.Marshal(permissionStatement(r, t.arn, *in.Label, in.AWSAccountId, in.ActionName)) // strings always marshal
	p.Statement = append(p.Statement, stmt)
	doc, _ := json.Marshal(p)
	t.attrs["Policy"] = string(doc)
	return &sns.AddPermissionOutput{}, nil
}

// permissionStatement is the statement AddPermission adds.
func permissionStatement(r region.Region, topicARN, label string, accounts, actions []string) any {
	principals := make([]string, len(accounts))
	for i, a := range accounts {
		principals[i] = "arn:" + string(r.Partition()) + ":iam::" + a + ":root"
	}
	acts := make([]string, len(actions))
	for i, a := range actions {
		acts[i] = "SNS:" + a
	}
	return struct {
		Sid       string              `json:"Sid"`
		Effect    string              `json:"Effect"`
		Principal map[string][]string `json:"Principal"`
		Action    []string            `json:"Action"`
		Resource  string              `json:"Resource"`
	}{label, "Allow", map[string][]string{"AWS": principals}, acts, topicARN}
}

// RemovePermission removes the statement with the label from a topic's
// Policy. A label the policy does not have is InvalidParameter.
func (s *Server) RemovePermission(ctx context.Context, in *sns.RemovePermissionInput, optFns ...func(*sns.Options)) (*sns.RemovePermissionOutput, error) {
	const op = "RemovePermission"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.RemovePermissionInput{}
	}
	if err := newRequired("RemovePermissionInput").check("Label", in.Label != nil).check("TopicArn", in.TopicArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", op, r, *in.TopicArn)
	if err != nil {
		return nil, opError(op, err)
	}
	p, err := s.policyLocked(t)
	if err != nil {
		return nil, opError(op, err)
	}
	kept := p.Statement[:0]
	for _, stmt := range p.Statement {
		if sid(stmt) != *in.Label {
			kept = append(kept, stmt)
		}
	}
	if len(kept) == len(p.Statement) {
		return nil, opError(op, invalidParameter("Invalid parameter: Label Reason: no statement with this label"))
	}
	p.Statement = kept
	doc, _ := json.Marshal(p)
	t.attrs["Policy"] = string(doc)
	return &sns.RemovePermissionOutput{}, nil
}
