using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Commerce.Search.Tests.Support;

/// <summary>
/// A loopback stand-in for an Elasticsearch node that answers what the test scripted (recorded
/// answers from the REST API documentation) and records every request. Each scripted answer is
/// used once, in order; an unscripted request gets 418 so it can never pass for a real answer.
/// </summary>
public sealed class ScriptedElasticsearch : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(string Method, string? Path, int Status, string? Body)> _script = [];
    private readonly Lock _gate = new();
    private LoopbackServer? _server;
    private bool _silent;

    public Uri Url => _server?.Address ?? throw new InvalidOperationException("Start it first");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<ScriptedElasticsearch> StartAsync()
    {
        var stub = new ScriptedElasticsearch();
        stub._server = await LoopbackServer.AnsweringAsync(stub.AnswerAsync);
        return stub;
    }

    /// <summary>Answers the next <paramref name="method"/> request to <paramref name="path"/> (query ignored; null: any path).</summary>
    public ScriptedElasticsearch Answer(string method, string? path, int status, string? body)
    {
        lock (_gate)
        {
            _script.Add((method, path, status, body));
        }

        return this;
    }

    public ScriptedElasticsearch Answer(string method, string? path, int status, Recorded body) => Answer(method, path, status, body.Text);

    /// <summary>From now on no request is ever answered: a node that accepted the connection and hangs.</summary>
    public void NeverAnswer() => _silent = true;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = await HttpRequestText.ReadAsync(context.Request);
        var request = context.Request;
        _requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, body, request.Headers.Authorization.FirstOrDefault()));
        if (_silent)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        (string Method, string? Path, int Status, string? Body)? answer = null;
        lock (_gate)
        {
            var index = _script.FindIndex(a => a.Method == request.Method && (a.Path is null || a.Path == request.Path.Value));
            if (index >= 0)
            {
                answer = _script[index];
                _script.RemoveAt(index);
            }
        }

        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        context.Response.StatusCode = answer?.Status ?? StatusCodes.Status418ImATeapot;
        context.Response.ContentType = "application/json";
        if (request.Method != HttpMethods.Head)
        {
            await context.Response.WriteAsync(answer?.Body ?? """{"error":{"type":"no_recorded_answer","reason":"the test scripted no answer"},"status":418}""", context.RequestAborted);
        }
    }
}
