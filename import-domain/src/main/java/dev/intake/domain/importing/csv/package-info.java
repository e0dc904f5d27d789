/**
 * Reading CSV files as people really export them: detecting the character set and delimiter, then streaming rows
 * with the physical line each starts on, whatever the line endings and quoting. Nothing here knows about apps or
 * fields; the importing package maps the rows it returns onto an app.
 */
package dev.intake.domain.importing.csv;
