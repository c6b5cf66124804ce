# Regenerate: OPENBLAS_CORETYPE=COOPERLAKE /usr/bin/python3 make_resize_reference.py > resize_reference.json
# Bilinear resize reference (torch.nn.functional.interpolate, align_corners=False, no antialias) on a seeded
# random RGB24 image, rounded to uint8. Used by FrameResizeTests; never needed at test time.
import json
import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(1234)
cases = []
for (h, w, oh, ow) in [(5, 7, 3, 4), (5, 7, 9, 11), (48, 64, 21, 30), (6, 6, 6, 3)]:
    img = torch.randint(0, 256, (h, w, 3), generator=g, dtype=torch.uint8)
    x = img.permute(2, 0, 1).unsqueeze(0).double()
    y = F.interpolate(x, size=(oh, ow), mode="bilinear", align_corners=False)
    out = torch.floor(y + 0.5).clamp(0, 255).to(torch.uint8)[0].permute(1, 2, 0).contiguous()
    cases.append({"h": h, "w": w, "oh": oh, "ow": ow,
                  "input": img.flatten().tolist(), "output": out.flatten().tolist()})
print(json.dumps({"tool": "torch " + torch.__version__, "cases": cases}))
