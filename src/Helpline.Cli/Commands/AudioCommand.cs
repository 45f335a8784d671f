namespace Helpline.Cli.Commands;

public static class AudioCommand
{
    public static int Run(CliArgs args)
    {
        Console.Error.WriteLine("error: audio rendering is not written yet (issue 4)");
        return 2;
    }
}
