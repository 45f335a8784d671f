using Helpline.Cli.Commands;

// helpline: the command-line tool for content editors and developers.
// Run from the repository root (or pass --root): it finds flows/, locales/, directory/ and facts/ there.
return args.FirstOrDefault() switch
{
    "validate" => ValidateCommand.Run(CliArgs.Parse(args[1..])),
    "graph" => GraphCommand.Run(CliArgs.Parse(args[1..])),
    "chat" => ChatCommand.Run(CliArgs.Parse(args[1..]), Console.In, Console.Out),
    "report" => ReportCommand.Run(CliArgs.Parse(args[1..])),
    "audio" => AudioCommand.Run(CliArgs.Parse(args[1..])),
    "verify" => VerifyCommand.Run(CliArgs.Parse(args[1..])),
    "translations" => TranslationsCommand.Run(CliArgs.Parse(args[1..])),
    "review" => ReviewCommand.Run(CliArgs.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: helpline <command> [options]

          validate [--root DIR] [--budget N] [--stale-days N] [--verbose] [--production [--stale refuse|flag]] [--mark-under-review]
                                  check flows, texts, directory and facts; exit 1 on any error
                                  (--production: answers whose facts are past the limit are errors, or flagged)
          graph [FLOW] [--format mermaid|dot|svg] [--no-globals] [--node NODE]
                                  print each flow (or one) as a diagram
          chat [--json] [--voice] [--mark-under-review] talk to the helpline: one message (or keypad input) per line on stdin
          report [--out FILE] [--root DIR] [--stale-days N]
                                  write the content report (Markdown) to stdout or FILE
          audio render [--culture C] [--force] [--root DIR]
                                  render espeak-ng stand-ins for prompts that have no recording or voice
          verify fact|entry ID --by NAME --source SOURCE [--date yyyy-MM-dd] [--note TEXT]
                                  record who verified a fact or directory entry, when, against which source
          translations status|mark|approve [--culture C] [--keys K1,K2] [--by NAME] [--all]
                                  review state of each translated text; mark machine drafts; approve
          audio script CULTURE [--out DIR]
                                  write what a volunteer records (HTML to print or read on a phone, and CSV)
          audio import CULTURE FOLDER|ZIP --by NAME [--force] [--report FILE]
                                  check, convert and save volunteers' recordings (WAV, MP3, M4A, OGG/Opus)
          review export CULTURE [--out FILE] | review import FILE --by NAME
                                  a language as XLIFF 1.2 for a reviewer's tool; a reviewed file back into locales/
        """);
    return 2;
}
