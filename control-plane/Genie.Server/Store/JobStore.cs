using System.Text.Json;
using Dapper;
using Genie.Core.Events;
using Genie.Core.Labels;
using Genie.Server.Jobs;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Jobs and their immutable versions in PostgreSQL.</summary>
public sealed class JobStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string JobColumns = """
        j.id, j.namespace, j.name, j.group_name as "group", j.labels::text as labels, j.current_version as version,
        v.content_hash as contenthash, j.created_at as createdat, j.updated_at as updatedat, j.deleted_at as deletedat,
        v.definition::text as definition, j.source
        """;

    private const string JobFrom = "from jobs j join job_versions v on v.job_id = j.id and v.version = j.current_version";

    // A job's latest run, one index step back on runs (job_id, created_at desc, id desc) per job.
    private const string LatestRun = """
        left join lateral (
            select r.id, r.state, r.created_at, r.finished_at from runs r
            where r.job_id = j.id order by r.created_at desc, r.id desc limit 1) last on true
        """;

    // Listings show each job's activity from the same query, so a page of jobs is one request and one statement.
    // Cancelled and skipped runs say nothing about a job's health, so the success figures count only runs that
    // succeeded or failed.
    private const string ActivityColumns = """
        exists (select 1 from schedule_pauses p where p.namespace = j.namespace and p.name = j.name) as paused,
        v.definition #>> '{spec,schedule,cron}' as cron, v.definition #>> '{spec,schedule,timezone}' as timezone,
        last.id as lastrunid, last.state as lastrunstate, last.created_at as lastruncreatedat, last.finished_at as lastrunfinishedat,
        recent.finished as recentfinished, recent.succeeded as recentsucceeded
        """;

    private static readonly string ActivityJoins = $"""
        {LatestRun}
        cross join lateral (
            select count(*)::int as finished, (count(*) filter (where f.state = 'succeeded'))::int as succeeded
            from (select r.state from runs r where r.job_id = j.id and r.state in ('succeeded', 'failed')
                  order by r.created_at desc, r.id desc limit {Client.Contracts.JobActivity.RecentWindow}) f) recent
        """;

    /// <summary>
    /// Records a spec: a no-op when it means the same as the live version, otherwise a new version.
    /// With <paramref name="dryRun"/> the same decision is made and then rolled back.
    /// </summary>
    public async Task<JobWrite> ApplyAsync(
        JobSubmission submission, JobPrecondition precondition, bool dryRun, string actor, IReadOnlyList<string> grants,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();

        var current = await LockAsync(transaction, submission.Namespace, submission.Name, cancellationToken);
        if (current is null)
        {
            if (!precondition.IsSatisfiedBy(null))
            {
                return new JobWrite(JobWriteStatus.PreconditionFailed, null);
            }

            // A concurrent first apply of the same name wins the insert; we then lock its row and decide again.
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
                insert into jobs (namespace, name, group_name, labels, current_version, created_at, updated_at, source)
                values (@Namespace, @Name, @Group, @labels::jsonb, 1, @now, @now, @Source)
                on conflict (namespace, name) do nothing
                returning id
                """, new { submission.Namespace, submission.Name, submission.Group, labels = LabelsJson(submission.Labels), now, submission.Source },
                transaction, cancellationToken: cancellationToken));
            if (id is null)
            {
                current = await LockAsync(transaction, submission.Namespace, submission.Name, cancellationToken);
            }
            else
            {
                await InsertVersionAsync(transaction, id.Value, 1, submission, now, actor, grants, cancellationToken);
                return await FinishAsync(transaction, JobWriteStatus.Created, submission, 1, now, now, dryRun, actor, cancellationToken, submission.Source);
            }
        }

        var live = current!.DeletedAt is null ? current.Version : (int?)null;
        if (!precondition.IsSatisfiedBy(live))
        {
            return new JobWrite(JobWriteStatus.PreconditionFailed, live is null ? null : current.ToStoredJob());
        }

        if (current.ContentHash == submission.ContentHash && live is not null)
        {
            return await KeepAsync(transaction, current, submission.Source, dryRun, cancellationToken);
        }

        var version = current.ContentHash == submission.ContentHash ? current.Version : current.Version + 1;
        if (version != current.Version)
        {
            await InsertVersionAsync(transaction, current.Id, version, submission, now, actor, grants, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            update jobs set current_version = @version, group_name = @Group, labels = @labels::jsonb,
                            updated_at = @now, deleted_at = null, source = coalesce(@Source, source)
            where id = @Id
            """, new { version, submission.Group, labels = LabelsJson(submission.Labels), now, current.Id, submission.Source },
            transaction, cancellationToken: cancellationToken));
        var status = live is null ? JobWriteStatus.Created : JobWriteStatus.Updated;
        return await FinishAsync(transaction, status, submission, version, current.CreatedAt, now, dryRun, actor, cancellationToken,
            submission.Source ?? current.Source);
    }

    /// <summary>
    /// An unchanged spec writes no version, but a source taking the job over is recorded (so a later prune of that
    /// source may delete it); a dry run only reports it.
    /// </summary>
    private static async Task<JobWrite> KeepAsync(
        NpgsqlTransaction transaction, JobRow current, string? source, bool dryRun, CancellationToken cancellationToken)
    {
        if (source is null || source == current.Source)
        {
            return new JobWrite(JobWriteStatus.Unchanged, current.ToStoredJob());
        }

        if (!dryRun)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "update jobs set source = @source where id = @Id", new { source, current.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return new JobWrite(JobWriteStatus.Unchanged, current.ToStoredJob() with { Source = source });
    }

    /// <summary>The live job, or null when it never existed or was deleted.</summary>
    public async Task<StoredJob?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"select {JobColumns} {JobFrom} where j.namespace = @ns and j.name = @name and j.deleted_at is null",
            new { ns, name }, cancellationToken: cancellationToken));
        return row?.ToStoredJob();
    }

    /// <summary>One page of live jobs in (namespace, name) order, filtered by group and labels in SQL.</summary>
    public async Task<IReadOnlyList<StoredJob>> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string> { "j.deleted_at is null" };
        var parameters = new DynamicParameters();
        if (query.Namespace is not null)
        {
            where.Add("j.namespace = @ns");
            parameters.Add("ns", query.Namespace);
        }

        if (query.Visible is not null)
        {
            where.Add("j.namespace = any(@visible)");
            parameters.Add("visible", query.Visible.ToArray());
        }

        if (query.Source is not null)
        {
            where.Add("j.source = @source");
            parameters.Add("source", query.Source);
        }

        if (query.Group is not null)
        {
            where.Add("j.group_name = @group");
            parameters.Add("group", query.Group);
        }

        if (query.After is { } after)
        {
            where.Add("(j.namespace, j.name) > (@afterNs, @afterName)");
            parameters.Add("afterNs", after.Namespace);
            parameters.Add("afterName", after.Name);
        }

        where.AddRange(query.Selector.Requirements.Select((requirement, i) => LabelCondition(requirement, i, parameters)));
        parameters.Add("limit", query.Limit);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow, StoredJobActivity, StoredJob>(new CommandDefinition(
            $"""
            select {JobColumns}, {ActivityColumns} {JobFrom} {ActivityJoins}
            where {string.Join(" and ", where)} order by j.namespace, j.name limit @limit
            """,
            parameters, cancellationToken: cancellationToken),
            (job, activity) => job.ToStoredJob() with { Activity = activity }, splitOn: "paused");
        return rows.ToList();
    }

    /// <summary>
    /// The job groups with live jobs, in (namespace, name) order, each with its jobs counted by their latest run's
    /// state; only the <paramref name="visible"/> namespaces (null: all).
    /// </summary>
    public async Task<IReadOnlyList<StoredJobGroup>> ListGroupsAsync(IReadOnlySet<string>? visible, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredJobGroup>(new CommandDefinition($"""
            select j.namespace, j.group_name as name, count(*)::int as jobs,
                   (count(*) filter (where last.state = 'succeeded'))::int as lastsucceeded,
                   (count(*) filter (where last.state = 'failed'))::int as lastfailed,
                   (count(*) filter (where last.state in ('queued', 'running', 'suspended')))::int as running
            from jobs j {LatestRun}
            where j.deleted_at is null and j.group_name is not null and (@all or j.namespace = any(@visible))
            group by j.namespace, j.group_name
            order by j.namespace, j.group_name
            """, new { all = visible is null, visible = visible?.ToArray() ?? [] }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>The names of the live jobs of group <paramref name="group"/> in <paramref name="ns"/>, in order.</summary>
    public async Task<IReadOnlyList<string>> GroupJobNamesAsync(string ns, string group, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "select name from jobs where namespace = @ns and group_name = @group and deleted_at is null order by name",
            new { ns, group }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Versions newest first, below <paramref name="beforeVersion"/>; null when the job never existed (deleted jobs keep theirs).</summary>
    public async Task<IReadOnlyList<StoredJobVersion>?> ListVersionsAsync(
        string ns, string name, int? beforeVersion, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var jobId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from jobs where namespace = @ns and name = @name", new { ns, name }, cancellationToken: cancellationToken));
        if (jobId is null)
        {
            return null;
        }

        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition("""
            select version, content_hash as contenthash, source_format as sourceformat, source_text as sourcetext,
                   created_at as createdat, applied_by as appliedby, null::text as definition
            from job_versions
            where job_id = @jobId and (@beforeVersion::integer is null or version < @beforeVersion)
            order by version desc
            limit @limit
            """, new { jobId, beforeVersion, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToStoredVersion(ns, name)).ToList();
    }

    /// <summary>One version with its source text and definition, also for deleted jobs.</summary>
    public async Task<StoredJobVersion?> GetVersionAsync(string ns, string name, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition("""
            select v.version, v.content_hash as contenthash, v.source_format as sourceformat, v.source_text as sourcetext,
                   v.created_at as createdat, v.applied_by as appliedby, v.definition::text as definition
            from job_versions v join jobs j on j.id = v.job_id
            where j.namespace = @ns and j.name = @name and v.version = @version
            """, new { ns, name, version }, cancellationToken: cancellationToken));
        return row?.ToStoredVersion(ns, name);
    }

    /// <summary>Hides the job from listings and reads; its versions stay readable and a later apply revives it.</summary>
    public async Task<JobWrite> DeleteAsync(string ns, string name, JobPrecondition precondition, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LockAsync(transaction, ns, name, cancellationToken);
        if (current is null || current.DeletedAt is not null)
        {
            return new JobWrite(JobWriteStatus.NotFound, null);
        }

        if (!precondition.IsSatisfiedBy(current.Version))
        {
            return new JobWrite(JobWriteStatus.PreconditionFailed, current.ToStoredJob());
        }

        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "update jobs set deleted_at = @now, updated_at = @now where id = @Id", new { now, current.Id },
            transaction, cancellationToken: cancellationToken));
        await EventOutbox.AppendAsync(transaction, now, new JobDeleted(ns, name, current.Version, actor), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JobWrite(JobWriteStatus.Deleted, current.ToStoredJob());
    }

    private static async Task<JobRow?> LockAsync(NpgsqlTransaction transaction, string ns, string name, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"select {JobColumns} {JobFrom} where j.namespace = @ns and j.name = @name for update of j",
            new { ns, name }, transaction, cancellationToken: cancellationToken));

    private static Task InsertVersionAsync(
        NpgsqlTransaction transaction, long jobId, int version, JobSubmission submission, DateTimeOffset now, string actor,
        IReadOnlyList<string> grants, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into job_versions (job_id, version, content_hash, source_format, source_text, definition, created_at, applied_by, applied_grants)
            values (@jobId, @version, @ContentHash, @SourceFormat, @SourceText, @DefinitionJson::jsonb, @now, @actor, @grants)
            """, new
            {
                jobId, version, submission.ContentHash, submission.SourceFormat, submission.SourceText, submission.DefinitionJson, now, actor,
                grants = grants.ToArray(),
            },
            transaction, cancellationToken: cancellationToken));

    private static async Task<JobWrite> FinishAsync(
        NpgsqlTransaction transaction, JobWriteStatus status, JobSubmission submission, int version,
        DateTimeOffset createdAt, DateTimeOffset now, bool dryRun, string actor, CancellationToken cancellationToken, string? source)
    {
        var job = new StoredJob(submission.Namespace, submission.Name, submission.Group, submission.Labels, version,
            submission.ContentHash, createdAt, now, submission.DefinitionJson, source);
        if (dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new JobWrite(status, job);
        }

        await EventOutbox.AppendAsync(transaction, now, new JobApplied(
            submission.Namespace, submission.Name, version, submission.ContentHash, status.ToString().ToLowerInvariant(), actor), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new JobWrite(status, job);
    }

    private static string LabelsJson(IReadOnlyDictionary<string, string> labels) => JsonSerializer.Serialize(labels);

    private static string LabelCondition(LabelRequirement requirement, int index, DynamicParameters parameters)
    {
        if (requirement.Operator is LabelOperator.Equals or LabelOperator.In)
        {
            // Containment of one {key: value} pair per value is what the GIN index on labels (jsonb_path_ops) can answer;
            // label values are always strings, so it matches exactly the jobs whose label equals one of the values.
            var pairs = $"p{index}";
            parameters.Add(pairs, requirement.Values.Select(v => LabelsJson(new Dictionary<string, string> { [requirement.Key] = v })).ToArray());
            return $"j.labels @> any(@{pairs}::jsonb[])";
        }

        var key = $"k{index}";
        var values = $"v{index}";
        parameters.Add(key, requirement.Key);
        parameters.Add(values, requirement.Values.ToArray());
        return requirement.Operator switch
        {
            LabelOperator.NotEquals or LabelOperator.NotIn => $"not coalesce((j.labels ->> @{key}) = any(@{values}), false)",
            LabelOperator.Exists => $"jsonb_exists(j.labels, @{key})",
            LabelOperator.DoesNotExist => $"not jsonb_exists(j.labels, @{key})",
            _ => throw new ArgumentOutOfRangeException(nameof(requirement), requirement.Operator, "unknown label operator"),
        };
    }

    private sealed record JobRow(
        long Id, string Namespace, string Name, string? Group, string Labels, int Version, string ContentHash,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt, string Definition, string? Source)
    {
        public StoredJob ToStoredJob() => new(Namespace, Name, Group,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Labels) ?? [],
            Version, ContentHash, CreatedAt, UpdatedAt, Definition, Source);
    }

    private sealed record VersionRow(
        int Version, string ContentHash, string SourceFormat, string SourceText, DateTimeOffset CreatedAt, string AppliedBy, string? Definition)
    {
        public StoredJobVersion ToStoredVersion(string ns, string name) =>
            new(ns, name, Version, ContentHash, SourceFormat, SourceText, CreatedAt, AppliedBy, Definition);
    }

    /// <summary>The id and current version of a live job, its row share-locked so it cannot be deleted before commit.</summary>
    public Task<(long Id, int Version)?> FindLiveAsync(NpgsqlTransaction tx, string ns, string name, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<(long Id, int Version)?>(new CommandDefinition(
            "select id, current_version from jobs where namespace = @ns and name = @name and deleted_at is null for share",
            new { ns, name }, tx, cancellationToken: cancellationToken));

    /// <summary>The grants of whoever applied a job version, which its scheduled runs act with; empty when unknown.</summary>
    public async Task<IReadOnlyList<string>> AppliedGrantsAsync(NpgsqlTransaction tx, long jobId, int version, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<string[]?>(new CommandDefinition(
            "select applied_grants from job_versions where job_id = @jobId and version = @version",
            new { jobId, version }, tx, cancellationToken: cancellationToken)) ?? [];

    /// <summary>The stored canonical definition of a job version; null when there is no such version.</summary>
    public async Task<string?> DefinitionAsync(long jobId, int version, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "select definition::text from job_versions where job_id = @jobId and version = @version",
            new { jobId, version }, cancellationToken: cancellationToken));
    }

    /// <summary>Live jobs with the definition of their current version (what cron triggers must match).</summary>
    public async Task<IReadOnlyList<(string Namespace, string Name, string Definition)>> LiveDefinitionsAsync(
        string? ns, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string, string, string)>(new CommandDefinition("""
            select j.namespace, j.name, v.definition::text
            from jobs j join job_versions v on v.job_id = j.id and v.version = j.current_version
            where j.deleted_at is null and (@ns::text is null or (j.namespace = @ns and j.name = @name))
            """, new { ns, name }, cancellationToken: cancellationToken))).ToList();
    }
}
