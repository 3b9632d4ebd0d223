"""非線形ラボの日本語テキスト（キーは ``en/nonlinearity.py`` と共通）。"""

TEXT: dict[str, str] = {
    "nav.nonlinearity": "なぜ非線形？",
    # Controls
    "nonlinearity.fn.label": "活性化関数",
    "nonlinearity.fn.hint": "隠れ層のすべてのユニットで使います。"
    "恒等関数（identity）、ReLU、tanh の順に試してみてください。",
    "nonlinearity.depth.label": "深さ（隠れ層の数）",
    "nonlinearity.depth.hint": "{low}〜{high} 層です。",
    "nonlinearity.width.label": "幅（1 層あたりのユニット数）",
    "nonlinearity.width.hint": "{low}〜{high} ユニットです。",
    "nonlinearity.seed.label": "乱数のシード",
    "nonlinearity.seed.next": "重みを引き直す",
    "nonlinearity.seed.hint": "シード・深さ・幅が同じなら、活性化関数を変えても"
    "重みはいつも同じです。",
    "nonlinearity.range.hint": "入力 x は {low} から {high} までの範囲で選べます。",
    "nonlinearity.field.fn": "活性化関数 (fn)",
    "nonlinearity.field.depth": "深さ (depth)",
    "nonlinearity.field.width": "幅 (width)",
    "nonlinearity.field.seed": "シード (seed)",
    "nonlinearity.field.xmin": "x の最小 (xmin)",
    "nonlinearity.field.xmax": "x の最大 (xmax)",
    "nonlinearity.field.n": "サンプル点の数 (n)",
    # What the network computes
    "nonlinearity.verdict.title": "このネットワークが計算しているもの",
    "nonlinearity.verdict.identity": "活性化関数が identity（何もしない関数）だと、"
    "{width} ユニットの層を {depth} 層重ねても、全体はぴったり 1 本の直線になります。",
    "nonlinearity.verdict.identity_gap": "破線の w·x + b は"
    "ネットワークの出力とぴったり重なっています。"
    "[{xmin}, {xmax}] でのずれは最大でも {gap} で、これは計算の丸め誤差だけです。"
    "深さを変えてみても、やはり 1 本の直線のままです。",
    "nonlinearity.verdict.pieces": "{fn} を使うと、出力は短い直線をつなぎ合わせた折れ線になります。"
    "[{xmin}, {xmax}] の範囲で、直線の部分は",
    "nonlinearity.pieces.one": "1 つだけです（この範囲では 1 本の直線です）。",
    "nonlinearity.pieces.count": "{count} 個あります。",
    "nonlinearity.verdict.breakpoints": "直線と直線がつながる {count} か所の折れ目を、"
    "グラフに ◆ で示しています。",
    "nonlinearity.verdict.grows": "層やユニットを増やすと、この数は増えていきます。"
    "ユニットごとに線が折れ、層を重ねるたびにその折れ線がさらに折り曲げられるからです。",
    "nonlinearity.verdict.smooth": "{fn} はなめらかな関数なので、出力もなめらかな曲線になります。"
    "直線の部分は見つかりません。",
    "nonlinearity.verdict.curved": "{fn} には角（折れ目）がありますが、その間は曲がっているので、"
    "出力は曲線になります。直線の部分は見つかりません。",
    "nonlinearity.verdict.too_many": "出力の向きが変わる回数が多すぎる（{max} 区間を超える）ため、"
    "直線の部分は数えていません。",
    # Charts
    "nonlinearity.axis.x": "入力 x",
    "nonlinearity.axis.y": "ネットワークの出力 y",
    "nonlinearity.trace.output": "ネットワーク（{fn}）",
    "nonlinearity.trace.affine": "1 本の直線: {line}",
    "nonlinearity.trace.breakpoints": "折れ目（{count} か所）",
    "nonlinearity.hover.breakpoint": "<b>折れ目</b>",
    "nonlinearity.comparison.title": "同じ重みで 3 つの活性化関数を比べる",
    "nonlinearity.comparison.hint": "同じネットワーク・同じ乱数の重みとバイアスのまま、"
    "活性化関数だけを identity、ReLU、tanh に替えたものです。"
    "直線、折れ線、なめらかな曲線になります。",
    # The charts in words, and their numbers
    "nonlinearity.summary.lab": "グラフは、ネットワーク（隠れ層 {depth} 層 × {width} ユニット、"
    "活性化関数は {fn}）の出力 y を、x が {xmin} から {xmax} までの範囲（{n} 点）で描いたものです。"
    "y は {ymin} から {ymax} までの値をとります。",
    "nonlinearity.summary.identity": "出力はぴったり直線 y = {line} になっていて、"
    "その直線を破線で重ねています。",
    "nonlinearity.summary.pieces": "出力は {count} 本の短い直線でできていて、"
    "{breaks} か所の折れ目（◆）でつながっています。",
    "nonlinearity.summary.curved": "出力は、直線の部分のない曲線です。",
    "nonlinearity.summary.too_many": "出力の向きが変わる回数が多すぎるため、"
    "直線の部分は数えていません。",
    "nonlinearity.summary.comparison": "グラフは、同じネットワークの活性化関数を{names}に"
    "替えたときの出力を、x が {xmin} から {xmax} までの範囲で描いたものです。",
    "nonlinearity.summary.list_join": "、",
    "nonlinearity.summary.range": "{fn}では、y は {ymin} から {ymax} まで。",
    "nonlinearity.table.caption": "{n} 点のうち {rows} 点での出力です"
    "（CSV にはすべて入っています）",
    "nonlinearity.table.comparison_caption": "{n} 点のうち {rows} 点での、活性化関数ごとの出力です"
    "（CSV にはすべて入っています）",
    "nonlinearity.table.output": "y（{fn}）",
    "nonlinearity.table.line": "w·x + b",
    # Explanation
    "nonlinearity.why.title": "ニューラルネットワークに非線形関数が必要なわけ",
    "nonlinearity.why.note": "メモには「線形関数は一本の直線で描かれます。ステップ関数も、"
    "シグモイド関数も曲線や階段線です。これを『非線形関数』と呼ぶようです。"
    "ニューラルネットワークには、非線形関数。」とありました。"
    "このページでは、その「なぜ」を実際に確かめます。",
    "nonlinearity.why.line": "ネットワークの各層は、入力に重みを掛けてバイアスを足し、"
    "それぞれのユニットに活性化関数 f を通します。f がなければ、1 つの層は"
    "ただの一次式（線形な変換）で、グラフにすると 1 本の直線です。",
    "nonlinearity.why.stack": "直線の出力をさらに別の直線に入れても、結果はやはり直線です。"
    "ユニット 1 つの層を 2 つ重ねると、こうなります。",
    "nonlinearity.why.depth": "つまり f が identity なら、何層重ねても全体は 1 層分の"
    " y = w·x + b と同じで、深くしても何も増えません。上で identity を選び、"
    "深さを変えても線がまっすぐなままなのを確かめてみてください。",
    "nonlinearity.why.relu": "ReLU は 0 のところに角があるので、"
    "ユニットごとに線を 1 回折り曲げます。"
    "層を重ねるとその折れ線がさらに何度も折られ、出力はたくさんの短い直線の集まりになります。"
    "折れ目が十分に多ければ、どんな曲線にも近づけられます。"
    "深さや幅を増やす意味は、ここにあります。",
    "nonlinearity.why.smooth": "シグモイドや tanh は、あらゆるところで線を少しずつ曲げるので、"
    "出力は直線の部分のない、なめらかな曲線になります。",
}
