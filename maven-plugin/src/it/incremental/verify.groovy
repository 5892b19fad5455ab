import java.nio.file.Files

def classes = new File(basedir, 'target/classes/it/weft')
def previous = new File(basedir, 'target/previous/classes/it/weft')
def counter = new File(classes, 'Counter.class')
def before = new File(previous, 'Counter.class')

// The first build wove Counter; the snapshot taken at the start of the second build holds it.
assert before.isFile() : 'no snapshot of the first build'
assert new String(before.bytes, 'ISO-8859-1').contains('dev/weft/annotations/Woven')

// The second build left it exactly as it was: same bytes, same timestamp.
assert Arrays.equals(before.bytes, counter.bytes)
assert before.lastModified() == counter.lastModified() : "Counter.class rewritten: ${before.lastModified()} -> ${counter.lastModified()}"

def log = new File(basedir, 'build.log').text
assert log.contains('weft: already woven/unchanged it' + File.separator + 'weft' + File.separator + 'Counter.class')
assert log.contains('weft: woven 0 classes, 1 already woven/unchanged in target' + File.separator + 'classes')
return true
