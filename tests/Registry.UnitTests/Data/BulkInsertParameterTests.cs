using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Web.Data;

namespace Registry.UnitTests.Data;

/// <summary>
/// Rows written with their keys (a registry moved with import-registry) go through parameters made once
/// for many rows. On SQL Server a text column of any length is made as nvarchar(4000) for the first row,
/// and SqlClient cuts a longer value to that without a word: a signed credential, an email body or the
/// Data Protection key ring would arrive shortened. No server is needed to see the parameter.
/// </summary>
public sealed class BulkInsertParameterTests
{
    [Fact]
    public void A_text_longer_than_the_parameter_was_made_for_goes_whole_on_SQL_Server()
    {
        using var db = new SqlServerRegistryDbContext(new DbContextOptionsBuilder<SqlServerRegistryDbContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=none;Encrypt=false").Options);
        var mapping = (RelationalTypeMapping)db.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(string))!;
        using var command = new SqlCommand();
        var parameter = mapping.CreateParameter(command, "@p0", null, nullable: true);
        Assert.Equal(4000, parameter.Size); // what SqlClient would cut a longer value to

        var token = new string('x', 9000);
        BulkInsert.SetValue(parameter, mapping, token);
        Assert.Equal(token, ((SqlParameter)parameter).Value);
        Assert.Equal(-1, parameter.Size);

        // The next row's short value still goes whole.
        BulkInsert.SetValue(parameter, mapping, "short");
        Assert.Equal("short", parameter.Value);
    }
}
