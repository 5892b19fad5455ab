def log = new File(basedir, 'build.log').text
assert log.contains('weft: woven 1 classes, 0 already woven/unchanged in target' + File.separator + 'classes')
assert log.contains('weft: woven 1 classes, 0 already woven/unchanged in target' + File.separator + 'test-classes')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
return true
