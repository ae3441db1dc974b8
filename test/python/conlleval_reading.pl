#!/usr/bin/perl -w
# How conlleval.pl (CoNLL-2000 shared task, version 2004-01-26) reads its input, written again
# for the test, since conlleval is not packaged for Debian: each line is split at the delimiter
# (-d, a single space by default); every line must have as many fields as the first, at least two;
# an empty line or one whose first field is the boundary "-X-" ends a sentence; the last two fields
# are the correct and the guessed tag, each "B-TYPE", "I-TYPE" or "O". Dies as conlleval does on
# what it cannot read; else prints "processed N tokens with C phrases" as conlleval's report starts.
#
#   perl conlleval_reading.pl [-d DELIMITER] < FILE
use strict;

my $delimiter = " ";
while (@ARGV and $ARGV[0] =~ /^-/) {
   my $option = shift(@ARGV);
   if ($option eq "-d") { $delimiter = shift(@ARGV); die "conlleval: -d requires delimiter character" unless defined $delimiter; }
   else { die "conlleval: unknown argument $option\n"; }
}
my $boundary = "-X-";
my $features = -1;
my ($tokens, $phrases) = (0, 0);
my ($lastCorrect, $lastType) = ("O", "");
while (<STDIN>) {
   chomp(my $line = $_);
   my @fields = split(/$delimiter/, $line);
   if ($features < 0) { $features = $#fields; }
   elsif ($features != $#fields and @fields != 0) {
      printf STDERR "unexpected number of features: %d (%d)\n", $#fields + 1, $features + 1;
      exit(1);
   }
   @fields = ($boundary, "O", "O") if (@fields == 0 or $fields[0] eq $boundary);
   die "conlleval: unexpected number of features in line $line\n" if (@fields < 2);
   pop(@fields); # the guessed tag
   my ($correct, $type) = $fields[$#fields] =~ /^([^-]*)-(.*)$/ ? ($1, $2) : ($fields[$#fields], "");
   die "conlleval_reading: tag \"$fields[$#fields]\" is not B-, I- or O in line $line\n" unless $correct =~ /^[BIO]$/;
   # A phrase starts at B, or at I after O or after another type (conlleval's startOfChunk for IOB).
   $phrases++ if ($correct eq "B" or ($correct eq "I" and ($lastCorrect eq "O" or $lastType ne $type)));
   ($lastCorrect, $lastType) = ($correct, $type);
   $tokens++ if ($fields[0] ne $boundary);
}
print "processed $tokens tokens with $phrases phrases\n";
