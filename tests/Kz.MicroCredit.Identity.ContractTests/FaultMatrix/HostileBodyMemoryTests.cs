using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>Runs alone: the process-wide allocation and working-set figures must not include other tests' work.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileBodyMemoryGroup
{
    public const string Name = "hostile-body-memory";
}

/// <summary>
/// Issue 14's memory bound: a 100 MB or 400 MB hostile body costs every client less than 64 MB extra. Measured two ways
/// that do not flake: the bytes the server managed to hand out (the client stopped reading at its cap; kernel buffers
/// hold a few MB more), and the managed bytes allocated by the whole process during the call; plus the peak working
/// set sampled during the call as the process-level check.
/// </summary>
[Collection(HostileBodyMemoryGroup.Name)]
public sealed class HostileBodyMemoryTests(ITestOutputHelper output)
{
    private const long Bound = 64L * 1024 * 1024;

    public static TheoryData<RemoteCall, long, bool> Cases
    {
        get
        {
            var data = new TheoryData<RemoteCall, long, bool>();
            foreach (RemoteCall call in new[] { RemoteCall.CeidMatch, RemoteCall.SmartBridgeDirect, RemoteCall.LivenessResult, RemoteCall.Ocsp, RemoteCall.Crl, RemoteCall.Tsa })
            {
                data.Add(call, 100L * 1024 * 1024, true);
                data.Add(call, 400L * 1024 * 1024, false);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_body_costs_less_than_64_MB(RemoteCall call, long size, bool declareLength)
    {
        Fault fault = declareLength ? Fault.Body100MbWithLength : Fault.Body100MbWithoutLength;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        Task sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(10);
            }
        });
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        (CellOutcome outcome, long bodyBytesSent) = await FaultMatrixCells.RunHostileAsync(call, size, declareLength);

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await sampling.CancelAsync();
        await sampler;
        output.WriteLine($"{call} {size / (1024 * 1024)} MB (length {(declareLength ? "declared" : "not declared")}): {outcome.Kind} ({outcome.Detail}); server sent {bodyBytesSent / 1024} KiB; allocated {allocated / 1024} KiB; working set +{(peak - baseline) / 1024} KiB");

        Assert.False(outcome.Verified);
        Assert.NotEqual("value", outcome.Kind);
        Assert.True(bodyBytesSent < Bound, $"{call} × {fault}: the server handed out {bodyBytesSent} bytes");
        Assert.True(allocated < Bound, $"{call} × {fault}: {allocated} bytes allocated");
        Assert.True(peak - baseline < Bound, $"{call} × {fault}: working set grew by {peak - baseline} bytes");
    }
}
