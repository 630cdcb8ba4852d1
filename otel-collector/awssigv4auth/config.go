package awssigv4auth

import (
	"errors"
	"fmt"
	"regexp"
)

// Config names the AWS region and service the requests are signed for.
type Config struct {
	// Region is the AWS region of the endpoint, e.g. eu-west-1.
	Region string `mapstructure:"region"`
	// Service is the signing name of the AWS service: logs for CloudWatch Logs (its OTLP endpoint included).
	Service string `mapstructure:"service"`
}

var (
	regionPattern  = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	servicePattern = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// Validate names the field, what is wrong and a valid example.
func (c *Config) Validate() error {
	var errs []error
	if !regionPattern.MatchString(c.Region) {
		errs = append(errs, fmt.Errorf(`region: %q is not an AWS region, e.g. "eu-west-1"`, c.Region))
	}
	if !servicePattern.MatchString(c.Service) {
		errs = append(errs, fmt.Errorf(`service: %q is not an AWS signing name, e.g. "logs" (CloudWatch Logs)`, c.Service))
	}
	return errors.Join(errs...)
}
