/** The command line's help text: every command and flag, and what the exit codes mean. */
export const usage = `lsc: conformance suite for AWS Lambda response streaming in local emulators

Usage:
  lsc run   [--target reference|rie|rie-container|sam|cargo-lambda|serverless-aws-lambda|external | --target-file FILE]
            [--endpoints FILE] [--grep REGEX]
            [--timing-tolerance MS] [--report DIR] [--template FILE] [--workers N]
            [--strict] [--shard I/N] [--runtime node,go,rust] [--runtime-api rie|lsc|rie,lsc] [--record DIR]
            [--expectations FILE]
  lsc serve [--target reference|rie|rie-container|sam|cargo-lambda|serverless-aws-lambda | --target-file FILE] [--template FILE]
            [--endpoints-out FILE]
            [--runtime node,go,rust] [--runtime-api rie|lsc]

  --runtime-api: the layer inside sam's and rie-container's containers: upstream RIE (default) or lsc's own
  Runtime API; rie,lsc runs both and says, per failure, which layer it belongs to. A target may also be
  named with its layer: --target 'sam[runtime-api=lsc]'.
  lsc list  [--json]              the cases, with the runtimes (node, go, rust) each one runs in
  lsc targets                    which targets can run here, and what is missing for the others
  lsc tools install              installs the real emulators into .lsc/tools (PyPI, pinned)
  lsc expectations update --target NAME [--report DIR] [--out FILE]
  lsc report merge DIR... [--out DIR]
  lsc aws endpoints --stack NAME [--region R] [--out FILE]
                                 the endpoint map of a deployed stack of fixtures/template.yaml (default aws-endpoints.yaml)
  lsc compare DIR [--report DIR]  a run (default lsc-report) against a recording (lsc run --record DIR): what differs, per case
  lsc report markdown DIR         the report as a Markdown matrix with one line per failure
  lsc repro init DIR             scaffolds a reproduction: handler, template, case file
  lsc repro run DIR [--target a,b,...] [--endpoints FILE] [--report DIR]

Exit codes: 0 all as expected · 1 unexpected results · 2 harness or boot error · 3 usage or configuration error
            · 4 no unexpected failure, but a case was INCONCLUSIVE (its precondition did not hold) and no manifest says so`;
