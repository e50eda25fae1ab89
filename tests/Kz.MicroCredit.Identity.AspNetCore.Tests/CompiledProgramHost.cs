using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

/// <summary>
/// Runs the entry point of a compiled <c>Program.cs</c> as <c>dotnet run</c> would (real Kestrel on a loopback port),
/// adding services just before its <c>builder.Build()</c> the way a test host does: the hosting diagnostic events
/// (<c>HostBuilding</c>, <c>HostBuilt</c>) raised on the entry point's thread give the builder and the host.
/// </summary>
internal sealed class CompiledProgramHost : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IAsyncDisposable
{
    private static readonly TimeSpan AgainstHangs = TimeSpan.FromSeconds(60);
    private readonly Action<IServiceCollection> _beforeBuild;
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _allListeners;
    private readonly Thread _main;

    private CompiledProgramHost(Assembly program, string[] args, Action<IServiceCollection> beforeBuild)
    {
        _beforeBuild = beforeBuild;
        MethodInfo entryPoint = program.EntryPoint ?? throw new ArgumentException("The assembly has no entry point.", nameof(program));
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
        _main = new Thread(() =>
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
                _built.TrySetException(new InvalidOperationException("The program returned without building a host."));
            }
            catch (TargetInvocationException e)
            {
                _built.TrySetException(e.InnerException ?? e);
            }
        })
        { IsBackground = true, Name = "compiled Program.Main" };
    }

    public IHost Host { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<CompiledProgramHost> StartAsync(Assembly program, string[] args, Action<IServiceCollection> beforeBuild)
    {
        var started = new CompiledProgramHost(program, args, beforeBuild);
        try
        {
            started._main.Start();
            started.Host = await started._built.Task.WaitAsync(AgainstHangs);
            var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (started.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => running.TrySetResult()))
            {
                await running.Task.WaitAsync(AgainstHangs);
            }
        }
        catch
        {
            // The original failure is what the test reports; only stop listening to other hosts' events.
            started.Unsubscribe();
            throw;
        }

        string address = started.Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        started.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return started;
    }

    public ValueTask DisposeAsync()
    {
        if (Host is not null && _main.IsAlive)
        {
            // What Ctrl+C does: app.Run() returns and disposes the host, and the entry point ends.
            Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        bool ended = !_main.IsAlive || _main.Join(AgainstHangs);
        Unsubscribe();
        return ended ? ValueTask.CompletedTask : throw new TimeoutException("The program did not end after StopApplication.");
    }

    private void Unsubscribe()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            foreach (IDisposable subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // Other tests build hosts in parallel: only the events of this program's own thread count.
        if (Thread.CurrentThread != _main)
        {
            return;
        }

        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            // WebApplicationBuilder raises this with an adapter whose callbacks run right after, on the app's services.
            builder.ConfigureServices((_, services) => _beforeBuild(services));
        }
        else if (value.Key == "HostBuilt" && value.Value is IHost host)
        {
            _built.TrySetResult(host);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
