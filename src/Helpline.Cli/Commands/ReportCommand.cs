namespace Helpline.Cli.Commands;

public static class ReportCommand
{
    public static int Run(CliArgs args)
    {
        Console.Error.WriteLine("error: the content report is not written yet (issue 5)");
        return 2;
    }
}
