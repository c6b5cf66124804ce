namespace MLVideo.Data;

/// <summary>A delimited text file read lazily: each cursor streams the lines and parses only active columns.</summary>
internal sealed class TextLoaderDataView : IDataView
{
    private readonly string _path;
    private readonly TextLoader.Column[] _columns;
    private readonly char _separator;
    private readonly bool _hasHeader;
    private readonly bool _allowQuoting;
    private readonly bool _trimWhitespace;

    public TextLoaderDataView(string path, TextLoader.Column[] columns, char separator, bool hasHeader, bool allowQuoting, bool trimWhitespace)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Text file '{path}' does not exist.", path);
        if (columns.Length == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        _path = path;
        _columns = columns;
        _separator = separator;
        _hasHeader = hasHeader;
        _allowQuoting = allowQuoting;
        _trimWhitespace = trimWhitespace;
        var builder = new DataViewSchema.Builder();
        foreach (var c in columns) builder.AddColumn(c.Name, c.ColumnType);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = new bool[Schema.Count];
        foreach (var c in columnsNeeded)
        {
            if ((uint)c.Index >= (uint)Schema.Count || Schema[c.Index].Name != c.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{c.Name}' does not belong to this view's schema.");
            active[c.Index] = true;
        }
        return new Cursor(this, active);
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly TextLoaderDataView _view;
        private readonly bool[] _active;
        private readonly StreamReader _reader;
        private readonly List<string> _fields = [];
        private readonly Delegate?[] _getters;
        private long _position = -1;
        private int _lineNumber;

        public Cursor(TextLoaderDataView view, bool[] active)
        {
            _view = view;
            _active = active;
            _getters = new Delegate?[active.Length];
            _reader = new StreamReader(view._path);
            if (view._hasHeader)
            {
                _reader.ReadLine();
                _lineNumber++;
            }
        }

        public override long Position => _position;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column)
        {
            CheckColumn(column);
            return _active[column.Index];
        }

        public override bool MoveNext()
        {
            string? line;
            do
            {
                line = _reader.ReadLine();
                _lineNumber++;
                if (line is null) return false;
            }
            while (line.Trim().Length == 0);
            try
            {
                DelimitedLineSplitter.Split(line, _view._separator, _view._allowQuoting, _view._trimWhitespace, _fields);
            }
            catch (FormatException e)
            {
                throw new FormatException($"'{_view._path}' line {_lineNumber}: {e.Message}", e);
            }
            _position++;
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            CheckColumn(column);
            if (!_active[column.Index]) throw InactiveColumn(column);
            if (column.Type.RawType != typeof(TValue)) throw WrongGetterType<TValue>(column);
            return (ValueGetter<TValue>)(_getters[column.Index] ??= MakeGetter(_view._columns[column.Index]));
        }

        private Delegate MakeGetter(TextLoader.Column column)
        {
            var method = typeof(Cursor).GetMethod(column.IsVector ? nameof(MakeVectorGetter) : nameof(MakeScalarGetter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(column.ItemType.RawType);
            return (Delegate)method.Invoke(this, [column])!;
        }

        private Delegate MakeScalarGetter<T>(TextLoader.Column column)
        {
            var parse = (Func<string, T>)TextFieldParser.For(column.ItemType);
            int field = column.Source[0];
            ValueGetter<T> inner = (ref T value) => value = Parse(parse, field, column.Name);
            return new RowCachedGetter<T>(this, inner).Getter;
        }

        private Delegate MakeVectorGetter<T>(TextLoader.Column column)
        {
            var parse = (Func<string, T>)TextFieldParser.For(column.ItemType);
            ValueGetter<VBuffer<T>> inner = (ref VBuffer<T> value) =>
            {
                var editor = VBufferEditor.Create(ref value, column.Source.Count);
                for (int i = 0; i < column.Source.Count; i++)
                    editor.Values[i] = Parse(parse, column.Source[i], column.Name);
                value = editor.Commit();
            };
            return new RowCachedGetter<VBuffer<T>>(this, inner).Getter;
        }

        private string Field(int index, string columnName)
        {
            if (_position < 0) throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
            if (index >= _fields.Count)
                throw new FormatException($"'{_view._path}' line {_lineNumber}: column '{columnName}' reads field {index}, but the line has {_fields.Count} fields (separator '{_view._separator}').");
            return _fields[index];
        }

        private T Parse<T>(Func<string, T> parse, int field, string columnName)
        {
            string text = Field(field, columnName);
            try
            {
                return parse(text);
            }
            catch (FormatException e)
            {
                throw new FormatException($"'{_view._path}' line {_lineNumber}, column '{columnName}' (field {field}): {e.Message}", e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _reader.Dispose();
            base.Dispose(disposing);
        }
    }
}
