package model

// ListSubscriptionsResponse holds the subscriptions of an account in a
// region, every topic's.
type ListSubscriptionsResponse struct {
	Subscriptions []Subscription
}
