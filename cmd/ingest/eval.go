package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/evaluate"
)

func newEvalCommand() *cobra.Command {
	var quiet bool
	cmd := &cobra.Command{
		Use:   "eval FILE.jsonl...",
		Short: "Measure extraction: precision, recall and F1 against annotated texts",
		Long: `eval extracts events from annotated texts and compares them with the events
they state. FILE is a development set (one {"text","expected","must_not","entities"}
object a line, as ../shared/eval/dev.jsonl) or an expected-events file X.expected.jsonl
beside its article X.txt (as examples/articles/north-korea-shells.expected.jsonl).
It prints precision, recall and F1 per predicate and overall, the accuracy of
recipients, attribution, hedging and negation, entity resolution, and lists
every missed and every false event.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var cases []evaluate.Case
			for _, a := range args {
				cs, err := evaluate.Load(a)
				if err != nil {
					return fmt.Errorf("eval: %w", err)
				}
				cases = append(cases, cs...)
			}
			evaluate.Run(extract.New(nil), cases).Write(cmd.OutOrStdout(), !quiet)
			return nil
		},
	}
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print the figures only, not the misses and false events")
	return cmd
}
