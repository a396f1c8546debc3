import { foldName, jaroWinkler, nameSimilarity } from './name-matching';

describe('foldName', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['  ĐẶNG   văn  Đức ', 'dang van duc'],
    ['Trần Thị Bích', 'tran thi bich'],
    ['WANG Xiao-Ming', 'wang xiao ming'],
  ])('%s → %s', (name, folded) => expect(foldName(name)).toBe(folded));
});

describe('nameSimilarity', () => {
  it.each([
    // Vietnamese: diacritics, case, Đ, order
    ['Nguyễn Văn An', 'NGUYEN VAN AN', true],
    ['Nguyễn Văn An', 'Nguyen Van Anh', true],
    ['Trần Thị Bích', 'Tran Thi Bich', true],
    ['Đặng Văn Đức', 'Dang Van Duc', true],
    ['Nguyen Van An', 'An Nguyen Van', true],
    ['Pham Minh Tuan', 'Pham Minh Tuấn', true],
    // Chinese pinyin: syllables split or joined, family name first or last
    ['Wang Xiaoming', 'WANG Xiao Ming', true],
    ['Xiaoming Wang', 'wang xiao ming', true],
    ['Chen Jianguo', 'Chen Jian Guo', true],
    // a typo in the first letters, or a letter swapped
    ['Nguyễn Văn An', 'Mguyen Van An', true],
    ['Lê Văn Hùng', 'Le Van Uhng', true],
    // must NOT match
    ['Lê Công Minh Giang', 'Le Cong Minh Gasng', false], // two edits in "giang" (rule 4)
    ['Võ Quang Hùng', 'Võ Phương Quân', false], // paired across: Quang/Quân, Hùng/Phương
    ['Zhang Wei', 'Zhang Wen', false],
    ['Trần Thị Bích', 'Trần Thị Bình', false],
    ['Nguyen Van An', 'Nguyen Van Binh', false],
    ['Nguyen Thi Lan', 'Nguyen Thi Lam', false],
    ['Le Van Hung', 'Le Van Hong', false],
    ['Nguyễn Văn An', 'Nguyen Van', false],
    ['Li Na', 'Li Ning', false],
    ['Nguyen Van Anh', 'Nguyen Van Tuan', false],
    ['', 'Nguyen Van An', false],
  ])('%s ~ %s → %s', (left, right, expected) => {
    expect(nameSimilarity(left, right).matches).toBe(expected);
    expect(nameSimilarity(right, left).matches).toBe(expected);
  });

  it('scores an exact folded name 1 and a near one below 1', () => {
    expect(nameSimilarity('Nguyễn Văn An', 'NGUYEN VAN AN').score).toBe(1);
    const near = nameSimilarity('Nguyễn Văn An', 'Nguyen Van Anh').score;
    expect(near).toBeGreaterThan(0.9);
    expect(near).toBeLessThan(1);
  });

  it('computes Jaro–Winkler on the textbook pairs', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});
