package dev.parley.engine;

/** File formats a result can be written in. */
public enum OutputFormat {
    CSV(FileFormat.CSV),
    PARQUET(FileFormat.PARQUET);

    final FileFormat file;

    OutputFormat(FileFormat file) {
        this.file = file;
    }
}
