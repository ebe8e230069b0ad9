using System.Globalization;
using System.Text;
using Commerce.Operations.DeadLetters;
using Spectre.Console;

namespace Commerce.Cli.Commands;

/// <summary>
/// A dead letter's body as <c>dlq show</c> prints it: as read, under a rule naming the message, and
/// followed by one line when the peek cut it, so a cut body is never mistaken for the whole message.
/// </summary>
internal static class DeadLetterBody
{
    public static void Write(DeadLetterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        AnsiConsole.Write(new Rule($"Body of {Markup.Escape(message.MessageId ?? "?")}").LeftJustified());
        // Past Spectre: its text rendering would wrap a long JSON line at the console width.
        AnsiConsole.Profile.Out.Writer.WriteLine(Printable(message.Body));
        if (message.BodyTruncated)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]body cut at {DeadLetterMessage.MaxBodyBytes} of {message.BodyBytes} bytes[/] (the whole message stays in the queue)");
        }
    }

    /// <summary>Control characters as <c>\uXXXX</c>: a body is anyone's bytes, and an escape sequence in it must not drive the operator's terminal.</summary>
    private static string Printable(string body)
    {
        if (!body.Any(char.IsControl))
        {
            return body;
        }

        var text = new StringBuilder(body.Length + 16);
        foreach (var c in body)
        {
            text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c);
        }

        return text.ToString();
    }
}
