using System.Data;
using Dapper;

namespace Genie.Server.Store;

/// <summary>
/// Reads `timestamptz` (which Npgsql returns as a UTC <see cref="DateTime"/>) into <see cref="DateTimeOffset"/> rows and
/// parameters, so row records carry instants, not kind-less dates. Registered once, before the first query.
/// </summary>
public sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset instant => instant,
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as an instant."),
    };

    // Npgsql writes only UTC instants to timestamptz.
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();
}
