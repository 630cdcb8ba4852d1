// Command logqlcheck checks secotel's Grafana dashboards and Loki ruler rules with Loki's own code:
// every LogQL expression goes through Loki's LogQL parser (pkg/logql/syntax), and every rules file
// through the loader the Loki ruler itself uses (pkg/ruler.GroupLoader: Prometheus rule groups,
// unknown fields rejected, LogQL expressions, label and template checks).
//
//	logqlcheck FILE...   (*.json: Grafana dashboards; *.yaml, *.yml: Loki ruler rule groups)
//
// It prints one line per problem, naming the file and the panel, target or rule, and exits 1 when
// there is any.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: logqlcheck FILE... (*.json dashboards, *.yaml Loki rule groups)")
		return 2
	}
	var problems []Problem
	checked := 0
	for _, file := range files {
		found, n, err := CheckFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", file, err)
			return 2
		}
		problems = append(problems, found...)
		checked += n
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p.String())
	}
	fmt.Fprintf(stderr, "logqlcheck: %d expressions in %d files, %d problems\n", checked, len(files), len(problems))
	if len(problems) > 0 {
		return 1
	}
	return 0
}
